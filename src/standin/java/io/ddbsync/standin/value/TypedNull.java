package io.ddbsync.standin.value;

import com.xxdb.data.Entity;
import com.xxdb.data.Entity.DATA_TYPE;

/** The typed NULL literals 00b, 00i, 00d, ... */
public final class TypedNull {
    private TypedNull() {
    }

    public static Entity of(char code) {
        DATA_TYPE t = switch (code) {
            case 'b' -> DATA_TYPE.DT_BOOL;
            case 'c' -> DATA_TYPE.DT_BYTE;
            case 'h' -> DATA_TYPE.DT_SHORT;
            case 'i' -> DATA_TYPE.DT_INT;
            case 'l' -> DATA_TYPE.DT_LONG;
            case 'f' -> DATA_TYPE.DT_FLOAT;
            case 'F' -> DATA_TYPE.DT_DOUBLE;
            case 'd' -> DATA_TYPE.DT_DATE;
            case 'M' -> DATA_TYPE.DT_MONTH;
            case 't' -> DATA_TYPE.DT_TIME;
            case 'm' -> DATA_TYPE.DT_MINUTE;
            case 's' -> DATA_TYPE.DT_SECOND;
            case 'D' -> DATA_TYPE.DT_DATETIME;
            case 'T' -> DATA_TYPE.DT_TIMESTAMP;
            case 'n' -> DATA_TYPE.DT_NANOTIME;
            case 'N' -> DATA_TYPE.DT_NANOTIMESTAMP;
            case 'H' -> DATA_TYPE.DT_DATEHOUR;
            default -> throw new IllegalArgumentException("no typed null 00" + code);
        };
        return Scalars.nullOf(t);
    }
}
