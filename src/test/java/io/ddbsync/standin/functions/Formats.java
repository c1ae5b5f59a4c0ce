package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.*;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * format(X, pattern): decimalFormat for numbers (the pattern symbols 0 # . % E and grouping,
 * the same as java.text.DecimalFormat's), temporalFormat for temporal values (yyyy MM dd HH mm ss SSS).
 */
final class Formats {
    private Formats() {
    }

    static Entity format(Entity x, String pattern) {
        Entity.DATA_TYPE t = x.getDataType();
        int n = x.isScalar() ? 1 : x.rows();
        String[] out = new String[n];
        if (Types.isTemporal(t)) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern.replace("n", "n"), Locale.ROOT);
            long[] raw = x.isScalar() ? new long[]{Scalars.rawLong(x)} : Vectors.longs((Vector) x);
            for (int i = 0; i < n; i++) {
                if (raw[i] == Long.MIN_VALUE) {
                    out[i] = "";
                    continue;
                }
                long nanos = Temporals.toNanos(t, raw[i]);
                LocalDateTime dt = LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                        (int) Math.floorMod(nanos, 1_000_000_000L), java.time.ZoneOffset.UTC);
                out[i] = dt.format(f);
            }
        } else if (Types.isNumeric(t)) {
            DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
            for (int i = 0; i < n; i++) {
                Entity e = x.isScalar() ? x : ((Vector) x).get(i);
                if (Scalars.isNull(e)) {
                    out[i] = "";
                } else if (Types.isDecimal(t)) {
                    out[i] = f.format(new BigDecimal(e.getString()));
                } else if (Types.isFloating(t)) {
                    out[i] = f.format(Scalars.toDouble(e));
                } else {
                    out[i] = f.format(Scalars.rawLong(e));
                }
            }
        } else {
            throw new ScriptException("The function format does not support " + t.getName().toLowerCase() + " data");
        }
        return x.isScalar() ? new BasicString(out[0]) : new BasicStringVector(out);
    }
}
