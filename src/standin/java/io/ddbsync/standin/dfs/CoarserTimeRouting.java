package io.ddbsync.standin.dfs;

import com.xxdb.data.BasicLongVector;
import com.xxdb.data.Entity.DATA_TYPE;
import com.xxdb.data.Vector;
import io.ddbsync.standin.value.Temporals;
import io.ddbsync.standin.value.Types;
import io.ddbsync.standin.value.Vectors;

import java.util.function.LongToIntFunction;

/**
 * Routes a finer temporal column into partitions of a coarser temporal type (the tutorial's
 * TIMESTAMP column into DATE partitions, DATETIME into DATEHOUR...) without converting each row.
 * The partition value of v is floor(v / ratio), so every row inside the run [k*ratio, (k+1)*ratio)
 * of the previous row has the previous row's partition: a row costs two comparisons, and a
 * division only where a new run starts. The results are those of converting every value.
 */
final class CoarserTimeRouting {
    private CoarserTimeRouting() {
    }

    /** How many column units make one scheme unit, or 0 when this routing does not apply. */
    static long ratio(DATA_TYPE column, DATA_TYPE scheme) {
        if (!Types.isTemporal(column) || !Types.isTemporal(scheme) || Temporals.hasTime(scheme)) return 0;
        if (!Temporals.hasDate(column)) return 0; // the conversion fails; let it say so
        long from = Temporals.unitNanos(column);
        long to = Temporals.unitNanos(scheme);
        if (from == 0 || to == 0 || to <= from) return 0;
        return to / from;
    }

    /** Partition index of each row, given the index of a scheme value (as a raw long, NULL as Long.MIN_VALUE). */
    static int[] route(Vector column, long ratio, DATA_TYPE scheme, LongToIntFunction indexOf) {
        int n = column.rows();
        long[] raw = column instanceof BasicLongVector lv ? lv.getValues() : Vectors.longs(column);
        int[] out = new int[n];
        long lo = 1;
        long hi = 0;
        int at = -1;
        for (int i = 0; i < n; i++) {
            long v = raw[i];
            if (v >= lo && v < hi) {
                out[i] = at;
                continue;
            }
            if (v == Long.MIN_VALUE) {
                out[i] = indexOf.applyAsInt(Long.MIN_VALUE);
                continue;
            }
            long k = Math.floorDiv(v, ratio);
            at = indexOf.applyAsInt(narrow(k, scheme));
            lo = k * ratio;
            hi = lo > Long.MAX_VALUE - ratio ? Long.MAX_VALUE : lo + ratio;
            out[i] = at;
        }
        return out;
    }

    /** The value a scheme type of 32 bits keeps: it wraps, and a wrap onto its NULL reads as NULL. */
    private static long narrow(long k, DATA_TYPE scheme) {
        if (!Types.isIntBacked(scheme)) return k;
        int x = (int) k;
        return x == Integer.MIN_VALUE ? Long.MIN_VALUE : x;
    }
}
