package io.ddbsync.standin.value;

import com.xxdb.data.Entity;

/** Describes values the way DolphinDB's typestr and error messages do. */
public final class Forms {
    private Forms() {
    }

    public static String describe(Entity e) {
        return typestr(e);
    }

    /** DolphinDB's typestr: INT, FAST INT VECTOR, STRING VECTOR, ANY VECTOR, IN-MEMORY TABLE, DICTIONARY... */
    public static String typestr(Entity e) {
        if (e instanceof io.ddbsync.standin.script.RuntimeValue r) return r.typestr();
        String type = e.getDataType().getName();
        return switch (e.getDataForm()) {
            case DF_SCALAR -> type;
            case DF_VECTOR -> {
                if (e.getDataType() == Entity.DATA_TYPE.DT_ANY) yield "ANY VECTOR";
                if (Types.isArray(e.getDataType())) yield "FAST " + Types.elementOfArray(e.getDataType()).getName() + "[] VECTOR";
                boolean fast = Types.isIntegerBacked(e.getDataType()) || Types.isFloating(e.getDataType());
                yield (fast ? "FAST " : "") + type + " VECTOR";
            }
            case DF_PAIR -> type + " PAIR";
            case DF_TABLE -> "IN-MEMORY TABLE";
            case DF_DICTIONARY -> "DICTIONARY";
            case DF_SET -> type + " SET";
            case DF_MATRIX -> "FAST " + type + " MATRIX";
            default -> type;
        };
    }
}
