package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.standin.value.Vectors;

import java.util.Arrays;

/**
 * Whether a target partition already holds exactly a backup partition's rows (same rows, same
 * order): what an incremental restore (force=false) skips. SYMBOL columns are compared by their
 * strings, since equal symbol columns may keep their dictionaries in different orders.
 */
final class SameRows {
    private SameRows() {
    }

    static boolean of(BasicTable a, BasicTable b) {
        if (a.rows() != b.rows() || a.columns() != b.columns()) return false;
        for (int c = 0; c < a.columns(); c++) {
            if (!Arrays.equals(canonical(a.getColumn(c)), canonical(b.getColumn(c)))) return false;
        }
        return true;
    }

    private static byte[] canonical(Vector v) {
        Entity e = v.getDataType() == Entity.DATA_TYPE.DT_SYMBOL ? Vectors.fromStrings(Entity.DATA_TYPE.DT_STRING, Vectors.strings(v)) : v;
        return Entities.toBytes(e);
    }
}
