package io.ddbsync.standin.value;

import com.xxdb.data.Entity;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.script.ScriptException;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/** Facts about DolphinDB data types: names, categories, and the underlying storage of each. */
public final class Types {
    private Types() {
    }

    /** Resolves a type name as DolphinDB scripts write it (INT, `INT, "DOUBLE[]", DECIMAL32(2) is handled by callers). */
    public static DATA_TYPE byName(String name) {
        String n = name.trim().toUpperCase();
        if (n.equals("BYTE")) n = "CHAR";
        if (n.equals("BOOLEAN")) n = "BOOL";
        if (n.startsWith("DECIMAL32")) return n.endsWith("[]") ? DT_DECIMAL32_ARRAY : DT_DECIMAL32;
        if (n.startsWith("DECIMAL64")) return n.endsWith("[]") ? DT_DECIMAL64_ARRAY : DT_DECIMAL64;
        if (n.startsWith("DECIMAL128")) return n.endsWith("[]") ? DT_DECIMAL128_ARRAY : DT_DECIMAL128;
        try {
            return DATA_TYPE.valueOfTypeName(n);
        } catch (RuntimeException e) {
            throw new ScriptException("Invalid data type name '" + name + "'");
        }
    }

    /** Scale in a name such as DECIMAL32(2); -1 when none is given. */
    public static int scaleInName(String name) {
        int open = name.indexOf('(');
        if (open < 0) return -1;
        return Integer.parseInt(name.substring(open + 1, name.indexOf(')')).trim());
    }

    public static String name(DATA_TYPE t) {
        return t.getName();
    }

    public static boolean isArray(DATA_TYPE t) {
        return t.getValue() >= 64;
    }

    public static DATA_TYPE elementOfArray(DATA_TYPE t) {
        return DATA_TYPE.valueOf(t.getValue() - 64);
    }

    public static DATA_TYPE arrayOf(DATA_TYPE t) {
        return DATA_TYPE.valueOf(t.getValue() + 64);
    }

    /** Types kept as a signed integer (BOOL, CHAR, SHORT, INT, LONG) or as a count of time units. */
    public static boolean isIntegerBacked(DATA_TYPE t) {
        return isIntegral(t) || isTemporal(t);
    }

    public static boolean isIntegral(DATA_TYPE t) {
        return t == DT_BOOL || t == DT_BYTE || t == DT_SHORT || t == DT_INT || t == DT_LONG;
    }

    public static boolean isTemporal(DATA_TYPE t) {
        return switch (t) {
            case DT_DATE, DT_MONTH, DT_TIME, DT_MINUTE, DT_SECOND, DT_DATETIME, DT_TIMESTAMP, DT_NANOTIME,
                    DT_NANOTIMESTAMP, DT_DATEHOUR -> true;
            default -> false;
        };
    }

    public static boolean isFloating(DATA_TYPE t) {
        return t == DT_FLOAT || t == DT_DOUBLE;
    }

    public static boolean isDecimal(DATA_TYPE t) {
        return t == DT_DECIMAL32 || t == DT_DECIMAL64 || t == DT_DECIMAL128;
    }

    public static boolean isNumeric(DATA_TYPE t) {
        return isIntegral(t) || isFloating(t) || isDecimal(t);
    }

    public static boolean isLiteral(DATA_TYPE t) {
        return t == DT_STRING || t == DT_SYMBOL || t == DT_BLOB;
    }

    public static boolean isBinary128(DATA_TYPE t) {
        return t == DT_UUID || t == DT_IPADDR || t == DT_INT128;
    }

    /** Storage width class of integer-backed types: values above Integer range need LONG storage. */
    public static boolean isLongBacked(DATA_TYPE t) {
        return t == DT_LONG || t == DT_TIMESTAMP || t == DT_NANOTIME || t == DT_NANOTIMESTAMP;
    }

    public static boolean isIntBacked(DATA_TYPE t) {
        return t == DT_INT || t == DT_DATE || t == DT_MONTH || t == DT_TIME || t == DT_MINUTE || t == DT_SECOND
                || t == DT_DATETIME || t == DT_DATEHOUR;
    }

    /** The sentinel that represents NULL for integer-backed types, widened to long. */
    public static long nullLong(DATA_TYPE t) {
        return switch (t) {
            case DT_BOOL, DT_BYTE -> Byte.MIN_VALUE;
            case DT_SHORT -> Short.MIN_VALUE;
            default -> isLongBacked(t) ? Long.MIN_VALUE : Integer.MIN_VALUE;
        };
    }

    /** Whether a value of type {@code from} may be written into a column of type {@code to} (append! rules). */
    public static boolean compatibleForWrite(DATA_TYPE from, DATA_TYPE to) {
        if (from == to) return true;
        if (from == DT_VOID) return true;
        if (isLiteral(to) && (from == DT_STRING || from == DT_SYMBOL)) return to != DT_BLOB || from == DT_STRING;
        if (isIntegral(to) && isIntegral(from)) return true;
        if (isFloating(to) && (isIntegral(from) || isFloating(from))) return true;
        if (isDecimal(to) && (isIntegral(from) || isFloating(from) || isDecimal(from))) return true;
        if (isTemporal(to) && isTemporal(from)) return Temporals.convertible(from, to);
        if (isArray(to) && isArray(from)) return compatibleForWrite(elementOfArray(from), elementOfArray(to));
        return false;
    }

    public static Entity.DATA_CATEGORY category(DATA_TYPE t) {
        return Entity.typeToCategory(t);
    }
}
