package io.ddbsync.standin.wire;

import com.xxdb.data.Entity.DATA_TYPE;

/** Element sizes of the types whose vectors are a plain run of fixed-width little-endian values. */
final class FixedWidth {
    private FixedWidth() {
    }

    /** Bytes per element, or 0 when the type's vectors are not a plain run of values. */
    static int unit(DATA_TYPE t) {
        return switch (t) {
            case DT_BOOL, DT_BYTE -> 1;
            case DT_SHORT -> 2;
            case DT_INT, DT_DATE, DT_MONTH, DT_TIME, DT_MINUTE, DT_SECOND, DT_DATETIME, DT_DATEHOUR, DT_FLOAT, DT_DECIMAL32 -> 4;
            case DT_LONG, DT_TIMESTAMP, DT_NANOTIME, DT_NANOTIMESTAMP, DT_DOUBLE, DT_DECIMAL64 -> 8;
            case DT_UUID, DT_IPADDR, DT_INT128, DT_DECIMAL128 -> 16;
            default -> 0;
        };
    }

    /** Decimal vectors carry their scale after rows and columns. */
    static boolean hasScale(DATA_TYPE t) {
        return t == DATA_TYPE.DT_DECIMAL32 || t == DATA_TYPE.DT_DECIMAL64 || t == DATA_TYPE.DT_DECIMAL128;
    }
}
