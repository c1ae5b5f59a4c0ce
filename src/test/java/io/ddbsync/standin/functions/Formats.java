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
        } else if (Types.isFloating(t) && SCIENTIFIC.matcher(pattern).matches() && !x.isScalar()) {
            DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
            int fraction = pattern.indexOf('E') - 2;
            double[] d = Vectors.doubles((Vector) x);
            for (int i = 0; i < n; i++) out[i] = Double.isNaN(d[i]) ? "" : scientific(d[i], fraction, f);
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

    /** Patterns such as 0.0000000000000000E0: one integer digit, a fixed number of fraction digits, an exponent. */
    private static final java.util.regex.Pattern SCIENTIFIC = java.util.regex.Pattern.compile("0\\.0+E0");

    /**
     * What DecimalFormat prints for a scientific pattern, without its slow general path: it formats
     * the double's shortest decimal digits (Double.toString's) and rounds them to the pattern, so when
     * those digits fit, padding them with zeros gives the same text. Otherwise DecimalFormat does it.
     */
    static String scientific(double v, int fraction, DecimalFormat fallback) {
        if (Double.isInfinite(v)) return fallback.format(v);
        if (v == 0) return (1 / v < 0 ? "-0." : "0.") + "0".repeat(fraction) + "E0";
        String s = Double.toString(Math.abs(v));
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        exponent += dot - 1;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
        digits = digits.substring(lead);
        exponent -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        if (digits.length() > fraction + 1) return fallback.format(v);
        StringBuilder sb = new StringBuilder(fraction + 8);
        if (v < 0) sb.append('-');
        sb.append(digits.charAt(0)).append('.').append(digits, 1, digits.length());
        for (int i = digits.length() - 1; i < fraction; i++) sb.append('0');
        return sb.append('E').append(exponent).toString();
    }
}
