package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.script.ScriptException;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/** Type conversion of scalars and vectors, as DolphinDB's conversion functions and append! do it. */
public final class Casts {
    private Casts() {
    }

    public static Entity to(Entity value, DATA_TYPE t, int scale, String function) {
        if (value.isVector()) return vector((Vector) value, t, scale, function);
        if (value.isScalar()) return scalar(value, t, scale, function);
        throw new ScriptException("The function " + function + " does not support " + Forms.describe(value));
    }

    public static Scalar scalar(Entity v, DATA_TYPE t, int scale) {
        return scalar(v, t, scale, t.getName().toLowerCase());
    }

    public static Scalar scalar(Entity v, DATA_TYPE t, int scale, String function) {
        DATA_TYPE from = v.getDataType();
        if (from == t && !Types.isDecimal(t)) return (Scalar) v;
        if (Scalars.isNull(v)) return nullWithScale(t, scale);
        if (Types.isIntegerBacked(t)) {
            long raw;
            if (Types.isTemporal(t) && Types.isTemporal(from)) raw = Temporals.convert(Scalars.rawLong(v), from, t, function);
            else if (Types.isTemporal(t) && Types.isLiteral(from)) raw = Temporals.parseText(Scalars.text(v), t);
            else if (t == DT_BOOL) raw = Types.isLiteral(from) ? parseBool(Scalars.text(v)) : (Scalars.toDouble(v) != 0 ? 1 : 0);
            else if (Types.isFloating(from) || Types.isDecimal(from)) raw = Math.round(Scalars.toDouble(v));
            else if (Types.isLiteral(from)) raw = parseLong(Scalars.text(v), t);
            else if (Types.isIntegerBacked(from)) raw = Scalars.rawLong(v);
            else throw incompatible(from, t, function);
            return Scalars.ofLong(t, truncate(t, raw));
        }
        if (Types.isFloating(t)) {
            if (Types.isNumeric(from) || Types.isLiteral(from) || Types.isTemporal(from)) return Scalars.ofDouble(t, Scalars.toDouble(v));
            throw incompatible(from, t, function);
        }
        if (t == DT_STRING) return new BasicString(Scalars.text(v));
        if (t == DT_SYMBOL) {
            BasicString s = new BasicString(Scalars.text(v));
            return s;
        }
        if (t == DT_BLOB) return new BasicString(Scalars.text(v).getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        if (Types.isDecimal(t)) {
            BigDecimal d;
            try {
                d = Types.isDecimal(from) || Types.isLiteral(from) ? new BigDecimal(Scalars.text(v).trim())
                        : Types.isFloating(from) ? BigDecimal.valueOf(Scalars.toDouble(v)) : BigDecimal.valueOf(Scalars.rawLong(v));
            } catch (NumberFormatException e) {
                throw new ScriptException("Cannot convert " + Scalars.text(v) + " to " + t.getName());
            }
            int s = scale < 0 ? (Types.isDecimal(from) ? ((Scalar) v).getScale() : 0) : scale;
            // DolphinDB truncates extra digits: decimal32(1.23456, 3) is 1.234 (manual)
            return decimal(t, d.setScale(s, RoundingMode.DOWN), s);
        }
        if (t == DT_UUID || t == DT_IPADDR || t == DT_INT128) {
            if (Types.isBinary128(from)) {
                BasicInt128 b = (BasicInt128) v;
                return switch (t) {
                    case DT_UUID -> new BasicUuid(b.getMostSignicantBits(), b.getLeastSignicantBits());
                    case DT_IPADDR -> new BasicIPAddr(b.getMostSignicantBits(), b.getLeastSignicantBits());
                    default -> new BasicInt128(b.getMostSignicantBits(), b.getLeastSignicantBits());
                };
            }
            if (!Types.isLiteral(from)) throw incompatible(from, t, function);
            String text = Scalars.text(v);
            try {
                return switch (t) {
                    case DT_UUID -> BasicUuid.fromString(text);
                    case DT_IPADDR -> BasicIPAddr.fromString(text);
                    default -> BasicInt128.fromString(text);
                };
            } catch (RuntimeException e) {
                return Scalars.nullOf(t);
            }
        }
        throw incompatible(from, t, function);
    }

    private static Scalar nullWithScale(DATA_TYPE t, int scale) {
        if (!Types.isDecimal(t)) return Scalars.nullOf(t);
        Scalar s = decimal(t, BigDecimal.ZERO.setScale(Math.max(scale, 0)), Math.max(scale, 0));
        s.setNull();
        return s;
    }

    public static Scalar decimal(DATA_TYPE t, BigDecimal d, int scale) {
        try {
            return switch (t) {
                case DT_DECIMAL32 -> {
                    d.unscaledValue().intValueExact();
                    yield new BasicDecimal32(d.toPlainString(), scale);
                }
                case DT_DECIMAL64 -> {
                    d.unscaledValue().longValueExact();
                    yield new BasicDecimal64(d.toPlainString(), scale);
                }
                default -> new BasicDecimal128(d.toPlainString(), scale);
            };
        } catch (ArithmeticException e) {
            throw new ScriptException("decimal overflow");
        }
    }

    private static long parseBool(String s) {
        String x = s.trim().toLowerCase();
        if (x.equals("true") || x.equals("1")) return 1;
        if (x.equals("false") || x.equals("0")) return 0;
        return Long.MIN_VALUE;
    }

    private static long parseLong(String s, DATA_TYPE t) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            try {
                return Math.round(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e2) {
                return Long.MIN_VALUE;
            }
        }
    }

    private static long truncate(DATA_TYPE t, long raw) {
        if (raw == Long.MIN_VALUE) return raw;
        return switch (t) {
            case DT_BYTE -> (byte) raw;
            case DT_SHORT -> (short) raw;
            case DT_INT -> (int) raw;
            default -> raw;
        };
    }

    public static Vector vector(Vector v, DATA_TYPE t, int scale, String function) {
        DATA_TYPE from = v.getDataType();
        if (from == t && !(Types.isDecimal(t) && scale >= 0 && scale != Vectors.scale(v))) return v;
        int n = v.rows();
        if (Types.isIntegerBacked(t) && Types.isIntegerBacked(from)) {
            return Vectors.fromLongs(t, integerValues(v, t, function));
        }
        if (Types.isFloating(t) && (Types.isIntegerBacked(from) || Types.isFloating(from))) {
            return Vectors.fromDoubles(t, Vectors.doubles(v));
        }
        if (t == DT_STRING) return text(v);
        if (t == DT_SYMBOL && (from == DT_STRING || from == DT_SYMBOL)) {
            return Vectors.fromStrings(t, Vectors.strings(v));
        }
        if (t == DT_SYMBOL) {
            String[] s = new String[n];
            if (Types.isTemporal(from)) {
                long[] raw = Vectors.longs(v);
                for (int i = 0; i < n; i++) s[i] = raw[i] == Long.MIN_VALUE ? "" : TemporalText.format(from, raw[i]);
            } else if (Types.isIntegral(from) && from != DT_BOOL && from != DT_BYTE) {
                long[] raw = Vectors.longs(v);
                for (int i = 0; i < n; i++) s[i] = raw[i] == Long.MIN_VALUE ? "" : Long.toString(raw[i]);
            } else {
                for (int i = 0; i < n; i++) s[i] = v.isNull(i) ? "" : v.getString(i);
            }
            return Vectors.fromStrings(t, s);
        }
        if (from == DT_ANY) {
            java.util.List<Entity> items = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) items.add(scalar(((BasicAnyVector) v).getEntity(i), t, scale, function));
            return Vectors.fromElements(items);
        }
        int s = Types.isDecimal(t) ? (scale >= 0 ? scale : Vectors.scale(v)) : 0;
        Vector out = Vectors.create(t, n, s);
        for (int i = 0; i < n; i++) {
            Entity e = v.get(i);
            Vectors.set(out, i, scalar(e, t, s, function));
        }
        return out;
    }

    /**
     * A vector's text as a STRING vector, packed (PackedStrings): the checksum script keeps such
     * vectors of whole partitions alive, and temporal and integer texts are written as bytes
     * without a String per element. NULL is "".
     */
    private static Vector text(Vector v) {
        DATA_TYPE from = v.getDataType();
        int n = v.rows();
        PackedStrings.Builder out = new PackedStrings.Builder(n, n * 12);
        if (Types.isTemporal(from)) {
            TemporalText.appendAll(from, Vectors.longs(v), out);
        } else if (Types.isIntegral(from) && from != DT_BOOL && from != DT_BYTE) {
            long[] raw = Vectors.longs(v);
            for (int i = 0; i < n; i++) {
                if (raw[i] != Long.MIN_VALUE) out.append(raw[i]);
                out.end();
            }
        } else if (from == DT_STRING || from == DT_SYMBOL) {
            for (String s : Vectors.strings(v)) out.append(s).end();
        } else {
            for (int i = 0; i < n; i++) {
                if (!v.isNull(i)) out.append(v.getString(i));
                out.end();
            }
        }
        return out.build();
    }

    /**
     * The raw values (NULL as Long.MIN_VALUE) an integer-backed vector converts to in another
     * integer-backed type, before they are narrowed to that type's width.
     */
    private static long[] integerValues(Vector v, DATA_TYPE t, String function) {
        DATA_TYPE from = v.getDataType();
        long[] raw = Vectors.longs(v);
        if (Types.isTemporal(t) && Types.isTemporal(from)) {
            Temporals.convertAll(raw, from, t, function);
        } else if (t == DT_BOOL) {
            for (int i = 0; i < raw.length; i++) if (raw[i] != Long.MIN_VALUE) raw[i] = raw[i] != 0 ? 1 : 0;
        } else {
            for (int i = 0; i < raw.length; i++) raw[i] = truncate(t, raw[i]);
        }
        return raw;
    }

    /**
     * What {@code Vectors.longs(vector(v, t, 0, function))} gives for integer-backed v and t, without
     * building the converted vector: routing a write needs only the values.
     */
    public static long[] longs(Vector v, DATA_TYPE t, String function) {
        if (v.getDataType() == t) return Vectors.longs(v);
        long[] raw = integerValues(v, t, function);
        // the narrowing fromLongs and longs would do: a value that wraps onto the type's NULL reads back as NULL
        for (int i = 0; i < raw.length; i++) {
            long x = raw[i];
            if (x == Long.MIN_VALUE) continue;
            long narrowed = switch (t) {
                case DT_BOOL, DT_BYTE -> (byte) x == Byte.MIN_VALUE ? Long.MIN_VALUE : (byte) x;
                case DT_SHORT -> (short) x == Short.MIN_VALUE ? Long.MIN_VALUE : (short) x;
                default -> Types.isIntBacked(t) ? ((int) x == Integer.MIN_VALUE ? Long.MIN_VALUE : (int) x) : x;
            };
            raw[i] = narrowed;
        }
        return raw;
    }

    private static ScriptException incompatible(DATA_TYPE from, DATA_TYPE to, String function) {
        return new ScriptException("The function " + function + " does not support " + from.getName().toLowerCase() + " data");
    }
}
