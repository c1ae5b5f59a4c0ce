package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.standin.value.Vectors;

import java.util.Arrays;

/**
 * Whether a target partition already holds exactly a backup partition's rows (same rows, same
 * order): what an incremental restore (force=false) skips. STRING and SYMBOL columns are compared
 * by their strings, since equal symbol columns may keep their dictionaries in different orders;
 * other columns by their bytes in the API's binary form.
 */
final class SameRows {
    private SameRows() {
    }

    static boolean of(BasicTable a, BasicTable b) {
        if (a.rows() != b.rows() || a.columns() != b.columns()) return false;
        for (int c = 0; c < a.columns(); c++) {
            Vector x = a.getColumn(c);
            Vector y = b.getColumn(c);
            boolean literal = isLiteral(x);
            if (literal != isLiteral(y)) return false;
            // strings compared as strings: serializing them to compare (a restore that finds nothing
            // changed compares every partition) cost more than reading the backup
            boolean same = literal ? Arrays.equals(Vectors.strings(x), Vectors.strings(y)) : Arrays.equals(Entities.toBytes(x), Entities.toBytes(y));
            if (!same) return false;
        }
        return true;
    }

    private static boolean isLiteral(Vector v) {
        return v.getDataType() == Entity.DATA_TYPE.DT_SYMBOL || v.getDataType() == Entity.DATA_TYPE.DT_STRING;
    }
}
