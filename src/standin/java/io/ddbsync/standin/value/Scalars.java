package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.script.ScriptException;

import java.math.BigDecimal;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/** Creating and reading scalars of any type. Integer-backed types are read as a raw long (NULL = the type's sentinel). */
public final class Scalars {
    private Scalars() {
    }

    public static Scalar nullOf(DATA_TYPE t) {
        if (t == DT_VOID) return new com.xxdb.data.Void();
        if (t == DT_DECIMAL32) return nullDecimal(new BasicDecimal32(0, 0));
        if (t == DT_DECIMAL64) return nullDecimal(new BasicDecimal64(0L, 0));
        if (t == DT_DECIMAL128) return nullDecimal(new BasicDecimal128(java.math.BigInteger.ZERO, 0));
        if (Types.isTemporal(t)) {
            // built directly: the API's factory answers some temporal types with a plain INT scalar
            return Types.isLongBacked(t) ? temporalRaw(t, Long.MIN_VALUE) : temporalRaw(t, Integer.MIN_VALUE);
        }
        Scalar s = BasicEntityFactory.instance().createScalarWithDefaultValue(t);
        s.setNull();
        return s;
    }

    private static Scalar nullDecimal(Scalar s) {
        s.setNull();
        return s;
    }

    /** A scalar of an integer-backed type from its raw value. */
    public static Scalar ofLong(DATA_TYPE t, long raw) {
        if (raw == Long.MIN_VALUE) return nullOf(t);
        return switch (t) {
            case DT_BOOL -> raw == Byte.MIN_VALUE ? nullOf(t) : new BasicBoolean(raw != 0);
            case DT_BYTE -> new BasicByte((byte) raw);
            case DT_SHORT -> new BasicShort((short) raw);
            case DT_INT -> new BasicInt((int) raw);
            case DT_LONG -> new BasicLong(raw);
            default -> temporal(t, raw);
        };
    }

    public static Scalar temporal(DATA_TYPE t, long raw) {
        if (raw == Long.MIN_VALUE || (!Types.isLongBacked(t) && raw == Integer.MIN_VALUE)) return nullOf(t);
        return temporalRaw(t, raw);
    }

    private static Scalar temporalRaw(DATA_TYPE t, long raw) {
        return switch (t) {
            case DT_DATE -> new BasicDate((int) raw);
            case DT_MONTH -> new BasicMonth((int) raw);
            case DT_TIME -> new BasicTime((int) raw);
            case DT_MINUTE -> new BasicMinute((int) raw);
            case DT_SECOND -> new BasicSecond((int) raw);
            case DT_DATETIME -> new BasicDateTime((int) raw);
            case DT_DATEHOUR -> new BasicDateHour((int) raw);
            case DT_TIMESTAMP -> new BasicTimestamp(raw);
            case DT_NANOTIME -> new BasicNanoTime(raw);
            case DT_NANOTIMESTAMP -> new BasicNanoTimestamp(raw);
            default -> throw new IllegalArgumentException("not temporal: " + t);
        };
    }

    public static boolean isNull(Entity e) {
        if (e instanceof com.xxdb.data.Void) return true;
        return e instanceof Scalar s && s.isNull();
    }

    /** Raw long of an integer-backed scalar; NULL becomes Long.MIN_VALUE. */
    public static long rawLong(Entity e) {
        if (!(e instanceof Scalar s) || s.isNull()) return Long.MIN_VALUE;
        if (e instanceof BasicBoolean b) return b.getBoolean() ? 1 : 0;
        if (e instanceof BasicByte b) return b.getByte();
        if (e instanceof BasicShort b) return b.getShort();
        if (e instanceof BasicInt b) return b.getInt();
        if (e instanceof BasicLong b) return b.getLong();
        try {
            if (Types.isFloating(e.getDataType()) || Types.isDecimal(e.getDataType())) {
                return (long) s.getNumber().doubleValue();
            }
            if (e.getDataType() == DT_STRING || e.getDataType() == DT_SYMBOL) {
                return Long.parseLong(e.getString().trim());
            }
        } catch (Exception ex) {
            throw new ScriptException("Cannot convert " + e.getString() + " to an integer");
        }
        throw new ScriptException("Cannot convert " + e.getDataType().getName() + " to an integer");
    }

    public static double toDouble(Entity e) {
        if (isNull(e)) return Double.NaN;
        if (e instanceof BasicFloat f) return f.getFloat();
        if (e instanceof BasicDouble d) return d.getDouble();
        if (Types.isIntegerBacked(e.getDataType())) return rawLong(e);
        try {
            if (Types.isDecimal(e.getDataType())) return new BigDecimal(e.getString()).doubleValue();
            if (Types.isLiteral(e.getDataType())) return Double.parseDouble(e.getString());
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
        throw new ScriptException("Cannot convert " + e.getDataType().getName() + " to a number");
    }

    /** The string value of a literal scalar, or the DolphinDB text form of any other scalar. */
    public static String text(Entity e) {
        if (e instanceof BasicString s) return s.getString();
        if (isNull(e)) return "";
        return e.getString();
    }

    public static boolean truth(Entity e) {
        if (isNull(e)) return false;
        if (e instanceof BasicBoolean b) return b.getBoolean();
        if (Types.isIntegerBacked(e.getDataType())) return rawLong(e) != 0;
        if (Types.isFloating(e.getDataType())) return toDouble(e) != 0;
        throw new ScriptException("A scalar of type " + e.getDataType().getName() + " cannot be used as a condition");
    }

    public static Scalar ofDouble(DATA_TYPE t, double v) {
        if (Double.isNaN(v)) return nullOf(t);
        return t == DT_FLOAT ? new BasicFloat((float) v) : new BasicDouble(v);
    }

    public static Scalar string(String s) {
        return new BasicString(s);
    }
}
