package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.camel.wire.WireTable;

/**
 * Bytes of rows as the wire carries them (a fixed width per type, the text of STRING columns), so
 * a progress line can show MB/s and a dry run can estimate a plan's size without reading data.
 */
final class DataSize {
    /** What a dry run assumes for a STRING or BLOB value it has not seen. */
    static final int ASSUMED_TEXT_BYTES = 16;

    private DataSize() {
    }

    /** Estimated bytes of one row of a table with this schema. */
    static long rowBytes(TableSchema schema) {
        long bytes = 0;
        for (TableSchema.Column c : schema.columns()) {
            int w = c.typeInt() >= 64 ? 0 : width(c.dataType());
            bytes += w > 0 ? w : ASSUMED_TEXT_BYTES;
        }
        return bytes;
    }

    /** Bytes of a block: fixed widths times rows, and the actual length of every text value. */
    static long of(BasicTable block) {
        long bytes = 0;
        for (int i = 0; i < block.columns(); i++) {
            Vector v = block.getColumn(i);
            int w = width(v.getDataType());
            if (w > 0) {
                bytes += (long) w * v.rows();
            } else if (v.getDataType() == Entity.DATA_TYPE.DT_STRING || v.getDataType() == Entity.DATA_TYPE.DT_BLOB) {
                for (int r = 0; r < v.rows(); r++) bytes += v.getString(r).length() + 1;
            } else {
                bytes += (long) ASSUMED_TEXT_BYTES * v.rows();
            }
        }
        return bytes;
    }

    /** The wire width of one value, 0 when it has none (text, blobs, array vectors); a SYMBOL counts its index. */
    static int width(Entity.DATA_TYPE type) {
        int carried = WireTable.width(type);
        if (carried > 0) return carried;
        return switch (type) {
            case DT_SYMBOL, DT_DECIMAL32 -> 4;
            case DT_DECIMAL64 -> 8;
            case DT_UUID, DT_IPADDR, DT_INT128, DT_DECIMAL128, DT_COMPLEX, DT_POINT -> 16;
            default -> 0;
        };
    }
}
