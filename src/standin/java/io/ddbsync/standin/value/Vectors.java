package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.io.Long2;
import io.ddbsync.standin.script.ScriptException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/**
 * Column helpers over the official API's vector classes, which the stand-in uses as its columns:
 * typed bulk access, construction, slicing and concatenation.
 */
public final class Vectors {
    private Vectors() {
    }

    public static Vector create(DATA_TYPE t, int size, int scale) {
        if (t == DT_SYMBOL) {
            List<String> empty = new ArrayList<>(size);
            for (int i = 0; i < size; i++) empty.add("");
            return new BasicSymbolVector(empty);
        }
        if (t == DT_ANY) return new BasicAnyVector(size);
        if (Types.isArray(t)) return new BasicArrayVector(t, size);
        return BasicEntityFactory.instance().createVectorWithDefaultValue(t, size, Math.max(scale, 0));
    }

    /** A vector of {@code n} NULLs of type t. */
    public static Vector nulls(DATA_TYPE t, int n, int scale) {
        Vector v = create(t, n, scale);
        for (int i = 0; i < n; i++) v.setNull(i);
        return v;
    }

    public static int scale(Vector v) {
        return v instanceof AbstractVector a && Types.isDecimal(v.getDataType()) ? a.getExtraParamForType() : 0;
    }

    // ---- integer-backed types -------------------------------------------------------------------

    /** Raw values of an integer-backed vector, widened to long, NULL as Long.MIN_VALUE. */
    public static long[] longs(Vector v) {
        int n = v.rows();
        long[] out = new long[n];
        if (v instanceof BasicIntVector iv) {
            int[] a = iv.getValues();
            for (int i = 0; i < n; i++) out[i] = a[i] == Integer.MIN_VALUE ? Long.MIN_VALUE : a[i];
        } else if (v instanceof BasicLongVector lv) {
            System.arraycopy(lv.getValues(), 0, out, 0, n);
        } else if (v instanceof BasicShortVector sv) {
            short[] a = sv.getValues();
            for (int i = 0; i < n; i++) out[i] = a[i] == Short.MIN_VALUE ? Long.MIN_VALUE : a[i];
        } else if (v instanceof BasicBooleanVector bv) {
            byte[] a = bv.getValues();
            for (int i = 0; i < n; i++) out[i] = a[i] == Byte.MIN_VALUE ? Long.MIN_VALUE : a[i];
        } else if (v instanceof BasicByteVector bv) {
            byte[] a = bv.getValues();
            for (int i = 0; i < n; i++) out[i] = a[i] == Byte.MIN_VALUE ? Long.MIN_VALUE : a[i];
        } else if (Types.isFloating(v.getDataType()) || Types.isDecimal(v.getDataType())) {
            double[] d = doubles(v);
            for (int i = 0; i < n; i++) out[i] = Double.isNaN(d[i]) ? Long.MIN_VALUE : (long) d[i];
        } else if (v.getDataType() == DT_VOID) {
            Arrays.fill(out, Long.MIN_VALUE);
        } else {
            for (int i = 0; i < n; i++) out[i] = Scalars.rawLong(v.get(i));
        }
        return out;
    }

    /** Builds an integer-backed vector; Long.MIN_VALUE marks NULL. */
    public static Vector fromLongs(DATA_TYPE t, long[] raw) {
        int n = raw.length;
        switch (t) {
            case DT_BOOL, DT_BYTE -> {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) a[i] = raw[i] == Long.MIN_VALUE ? Byte.MIN_VALUE : (byte) raw[i];
                return t == DT_BOOL ? new BasicBooleanVector(a) : new BasicByteVector(a);
            }
            case DT_SHORT -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) a[i] = raw[i] == Long.MIN_VALUE ? Short.MIN_VALUE : (short) raw[i];
                return new BasicShortVector(a);
            }
            default -> {
            }
        }
        if (Types.isIntBacked(t)) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = raw[i] == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) raw[i];
            return wrapInts(t, a);
        }
        if (Types.isLongBacked(t)) return wrapLongs(t, raw.clone());
        throw new IllegalArgumentException("not integer-backed: " + t);
    }

    public static Vector wrapInts(DATA_TYPE t, int[] a) {
        return switch (t) {
            case DT_INT -> new BasicIntVector(a);
            case DT_DATE -> new BasicDateVector(a);
            case DT_MONTH -> new BasicMonthVector(a);
            case DT_TIME -> new BasicTimeVector(a);
            case DT_MINUTE -> new BasicMinuteVector(a);
            case DT_SECOND -> new BasicSecondVector(a);
            case DT_DATETIME -> new BasicDateTimeVector(a);
            case DT_DATEHOUR -> new BasicDateHourVector(a);
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    public static Vector wrapLongs(DATA_TYPE t, long[] a) {
        return switch (t) {
            case DT_LONG -> new BasicLongVector(a);
            case DT_TIMESTAMP -> new BasicTimestampVector(a);
            case DT_NANOTIME -> new BasicNanoTimeVector(a);
            case DT_NANOTIMESTAMP -> new BasicNanoTimestampVector(a);
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    // ---- floating, literal --------------------------------------------------------------------

    /** Values as doubles, NULL as NaN. */
    public static double[] doubles(Vector v) {
        int n = v.rows();
        double[] out = new double[n];
        if (v instanceof BasicDoubleVector dv) {
            double[] a = dv.getValues();
            for (int i = 0; i < n; i++) out[i] = a[i] == -Double.MAX_VALUE ? Double.NaN : a[i];
        } else if (v instanceof BasicFloatVector fv) {
            float[] a = fv.getValues();
            for (int i = 0; i < n; i++) out[i] = a[i] == -Float.MAX_VALUE ? Double.NaN : a[i];
        } else if (Types.isIntegerBacked(v.getDataType())) {
            long[] l = longs(v);
            for (int i = 0; i < n; i++) out[i] = l[i] == Long.MIN_VALUE ? Double.NaN : l[i];
        } else if (v.getDataType() == DT_VOID) {
            Arrays.fill(out, Double.NaN);
        } else {
            for (int i = 0; i < n; i++) out[i] = Scalars.toDouble(v.get(i));
        }
        return out;
    }

    public static Vector fromDoubles(DATA_TYPE t, double[] d) {
        int n = d.length;
        if (t == DT_FLOAT) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = Double.isNaN(d[i]) ? -Float.MAX_VALUE : (float) d[i];
            return new BasicFloatVector(a);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Double.isNaN(d[i]) || Double.isInfinite(d[i]) ? -Double.MAX_VALUE : d[i];
        return new BasicDoubleVector(a);
    }

    /** String values (literal vectors) or text forms (others); NULL as "". */
    public static String[] strings(Vector v) {
        int n = v.rows();
        if (v instanceof PackedStrings p && p.isPacked()) {
            // decoded afresh, not through getValues(): callers own the array, and the vector
            // should not keep the Strings
            return p.decodeAll();
        }
        String[] out = new String[n];
        if (v instanceof BasicStringVector sv && v.getDataType() != DT_BLOB) {
            // the array itself: getString(i) goes through a slow isNull(i) per element
            String[] values = sv.getValues();
            for (int i = 0; i < n; i++) {
                String x = values[i];
                out[i] = x == null ? "" : x;
            }
        } else if (v instanceof BasicSymbolVector sv) {
            for (int i = 0; i < n; i++) out[i] = sv.getString(i);
        } else {
            for (int i = 0; i < n; i++) out[i] = v.isNull(i) ? "" : v.getString(i);
        }
        return out;
    }

    /**
     * A STRING vector over {@code s} itself, which the caller made for it and no longer touches:
     * new BasicStringVector(String[]) copies its argument, a cost per row for a fresh array.
     * NULLs (null) become "" as there.
     */
    public static Vector ownStrings(String[] s) {
        return new BasicStringVector(s, false, false);
    }

    public static Vector fromStrings(DATA_TYPE t, String[] s) {
        if (t == DT_SYMBOL) return new BasicSymbolVector(Arrays.asList(s));
        if (t == DT_BLOB) {
            Vector v = create(DT_BLOB, s.length, 0);
            for (int i = 0; i < s.length; i++) {
                try {
                    v.set(i, new BasicString(s[i].getBytes(java.nio.charset.StandardCharsets.UTF_8), true));
                } catch (Exception e) {
                    throw new ScriptException(e.getMessage());
                }
            }
            return v;
        }
        return ownStrings(s.clone());
    }

    // ---- generic ------------------------------------------------------------------------------

    public static Scalar scalarAt(Vector v, int i) {
        Entity e = v.get(i);
        if (e instanceof Scalar s) return s;
        throw new ScriptException("element " + i + " is not a scalar");
    }

    public static void set(Vector v, int i, Entity value) {
        try {
            if (Scalars.isNull(value)) v.setNull(i);
            else v.set(i, value);
        } catch (Exception e) {
            throw new ScriptException("Failed to set element of " + v.getDataType().getName() + " vector: " + e.getMessage());
        }
    }

    public static Vector gather(Vector v, int[] idx) {
        if (v.getDataType() == DT_VOID) return new BasicVoidVector(idx.length);
        return v.getSubVector(idx);
    }

    public static Vector slice(Vector v, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return gather(v, idx);
    }

    public static Vector concat(List<Vector> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
        if (parts.size() == 1) return parts.get(0);
        DATA_TYPE t = parts.get(0).getDataType();
        int total = 0;
        for (Vector p : parts) total += p.rows();
        if (Types.isIntBacked(t)) {
            int[] out = new int[total];
            int at = 0;
            for (Vector p : parts) {
                int n = p.rows();
                System.arraycopy(((BasicIntVector) p).getValues(), 0, out, at, n);
                at += n;
            }
            return wrapInts(t, out);
        }
        if (Types.isLongBacked(t)) {
            long[] out = new long[total];
            int at = 0;
            for (Vector p : parts) {
                int n = p.rows();
                System.arraycopy(((BasicLongVector) p).getValues(), 0, out, at, n);
                at += n;
            }
            return wrapLongs(t, out);
        }
        if (t == DT_DOUBLE) {
            double[] out = new double[total];
            int at = 0;
            for (Vector p : parts) {
                System.arraycopy(((BasicDoubleVector) p).getValues(), 0, out, at, p.rows());
                at += p.rows();
            }
            return new BasicDoubleVector(out);
        }
        if (t == DT_SYMBOL && parts.stream().allMatch(p -> p instanceof BasicSymbolVector)) {
            return concatSymbols(parts, total);
        }
        if (t == DT_SYMBOL || t == DT_STRING) {
            String[] out = new String[total];
            int at = 0;
            for (Vector p : parts) {
                String[] s = strings(p);
                System.arraycopy(s, 0, out, at, s.length);
                at += s.length;
            }
            return fromStrings(t, out);
        }
        if (Types.isArray(t)) {
            List<Vector> rows = new ArrayList<>(total);
            for (Vector p : parts) for (int i = 0; i < p.rows(); i++) rows.add(((BasicArrayVector) p).getVectorValue(i));
            try {
                return new BasicArrayVector(rows);
            } catch (Exception e) {
                throw new ScriptException("Failed to concatenate array vectors: " + e.getMessage());
            }
        }
        // element by element for the rest: the API's combine() fails for BLOB and some other types
        Vector out = create(t, total, scale(parts.get(0)));
        int at = 0;
        for (Vector p : parts) {
            for (int i = 0; i < p.rows(); i++) {
                if (p.isNull(i)) out.setNull(at++);
                else set(out, at++, p.get(i));
            }
        }
        return out;
    }

    /**
     * Symbol vectors joined over one new base: each part's indexes are mapped to the new base's,
     * looking up each distinct symbol once rather than every row's string.
     */
    private static Vector concatSymbols(List<Vector> parts, int total) {
        SymbolBase base = new SymbolBase(0);
        base.find("", true);
        int[] out = new int[total];
        int at = 0;
        for (Vector p : parts) {
            BasicSymbolVector s = (BasicSymbolVector) p;
            int[] values = s.getValues();
            int n = s.rows();
            int[] map = new int[0];
            for (int i = 0; i < n; i++) {
                int v = values[i];
                if (v >= map.length) {
                    int old = map.length;
                    map = Arrays.copyOf(map, Math.max(v + 1, old * 2));
                    Arrays.fill(map, old, map.length, -1);
                }
                int m = map[v];
                if (m < 0) m = map[v] = base.find(s.getString(i), true);
                out[at++] = m;
            }
        }
        return new BasicSymbolVector(base, out, false);
    }

    public static Vector repeat(Entity scalar, int n) {
        DATA_TYPE t = scalar.getDataType();
        if (t == DT_VOID) return new BasicVoidVector(n);
        int scale = scalar instanceof Scalar s && Types.isDecimal(t) ? s.getScale() : 0;
        Vector v = create(t, n, scale);
        if (Scalars.isNull(scalar)) {
            for (int i = 0; i < n; i++) v.setNull(i);
        } else {
            for (int i = 0; i < n; i++) set(v, i, scalar);
        }
        return v;
    }

    /** Builds a vector from scalars as [a, b, c] does: one type if they agree (numbers widen), ANY otherwise. */
    public static Vector fromElements(List<Entity> items) {
        if (items.isEmpty()) return new BasicAnyVector(0);
        DATA_TYPE t = null;
        boolean allScalar = true;
        for (Entity e : items) {
            if (!e.isScalar() || e instanceof io.ddbsync.standin.script.RuntimeValue) {
                allScalar = false;
                break;
            }
            DATA_TYPE et = e.getDataType();
            if (et == DT_VOID) continue;
            if (t == null) t = et;
            else if (t != et) t = widen(t, et);
            if (t == null) break;
        }
        if (!allScalar || t == null && !items.stream().allMatch(Scalars::isNull)) {
            if (allScalar || items.stream().allMatch(e -> e.isVector() && !(e instanceof BasicAnyVector))) {
                // a vector of equally typed vectors forms an array vector in DolphinDB only via arrayVector(); keep a tuple
            }
            BasicAnyVector any = new BasicAnyVector(items.size());
            for (int i = 0; i < items.size(); i++) any.setEntity(i, items.get(i));
            return any;
        }
        if (t == null) return new BasicVoidVector(items.size());
        int scale = 0;
        for (Entity e : items) if (e instanceof Scalar s && Types.isDecimal(e.getDataType())) scale = Math.max(scale, s.getScale());
        Vector v = create(t, items.size(), scale);
        for (int i = 0; i < items.size(); i++) set(v, i, Casts.scalar(items.get(i), t, scale));
        return v;
    }

    /** The common type of two scalar types in a vector literal, or null when they do not mix. */
    static DATA_TYPE widen(DATA_TYPE a, DATA_TYPE b) {
        if (a == b) return a;
        if (Types.isIntegral(a) && Types.isIntegral(b)) return rankIntegral(a) >= rankIntegral(b) ? a : b;
        if ((Types.isIntegral(a) || Types.isFloating(a)) && (Types.isIntegral(b) || Types.isFloating(b))) return DT_DOUBLE;
        if (Types.isLiteral(a) && Types.isLiteral(b)) return DT_STRING;
        return null;
    }

    private static int rankIntegral(DATA_TYPE t) {
        return switch (t) {
            case DT_BOOL -> 0;
            case DT_BYTE -> 1;
            case DT_SHORT -> 2;
            case DT_INT -> 3;
            default -> 4;
        };
    }

    public static Long2[] long2s(Vector v) {
        return ((BasicInt128Vector) v).getValues();
    }
}
