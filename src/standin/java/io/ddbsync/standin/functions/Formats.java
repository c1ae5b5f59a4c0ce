package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
            return scientific(Vectors.doubles((Vector) x), pattern);
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
        return x.isScalar() ? new BasicString(out[0]) : PackedStrings.of(out);
    }

    /**
     * A vector of doubles in a scientific pattern, written as bytes into a packed STRING vector
     * (PackedStrings) rather than a String per element.
     */
    private static Vector scientific(double[] d, String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        int fraction = pattern.indexOf('E') - 2;
        int n = d.length;
        PackedStrings.Builder out = new PackedStrings.Builder(n, n * (fraction + 6));
        // a small direct-mapped memo of this call's texts: columns such as prices repeat their
        // values, and Double.toString (FloatingDecimal) dominates the cost of a text
        long[] keys = new long[MEMO];
        byte[][] texts = new byte[MEMO][];
        for (int i = 0; i < n; i++) {
            double v = d[i];
            if (!Double.isNaN(v)) {
                long bits = Double.doubleToRawLongBits(v);
                int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> (64 - MEMO_BITS));
                byte[] text = texts[slot];
                if (text == null || keys[slot] != bits) {
                    text = scientificBytes(v, fraction, f);
                    keys[slot] = bits;
                    texts[slot] = text;
                }
                out.append(text, 0, text.length);
            }
            out.end();
        }
        return out.build();
    }

    /** Patterns such as 0.0000000000000000E0: one integer digit, a fixed number of fraction digits, an exponent. */
    private static final java.util.regex.Pattern SCIENTIFIC = java.util.regex.Pattern.compile("0\\.0+E0");

    private static final int MEMO_BITS = 12;
    private static final int MEMO = 1 << MEMO_BITS;

    /**
     * The UTF-8 bytes of what DecimalFormat prints for a scientific pattern, without its slow
     * general path: it formats the double's shortest decimal digits (Double.toString's) and rounds
     * them to the pattern, so when those digits fit, padding them with zeros gives the same text
     * (ASCII). Otherwise DecimalFormat does it. Double.toString's text is read in place (no substrings).
     */
    private static byte[] scientificBytes(double v, int fraction, DecimalFormat fallback) {
        if (Double.isInfinite(v)) return fallback.format(v).getBytes(StandardCharsets.UTF_8);
        if (v == 0) return ((1 / v < 0 ? "-0." : "0.") + "0".repeat(fraction) + "E0").getBytes(StandardCharsets.ISO_8859_1);
        String s = Double.toString(Math.abs(v));
        int len = s.length();
        // Double.toString: "123.45" or "1.2345E-7" (one digit before the point in that form)
        byte[] digits = new byte[len];
        int nd = 0;
        int dot = -1;
        int exponent = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dot = nd;
            } else if (c == 'E') {
                exponent = Integer.parseInt(s, i + 1, len, 10);
                break;
            } else {
                digits[nd++] = (byte) c;
            }
        }
        exponent += dot - 1;
        int lead = 0;
        while (lead < nd - 1 && digits[lead] == '0') lead++;
        exponent -= lead;
        int end = nd;
        while (end > lead + 1 && digits[end - 1] == '0') end--;
        if (end - lead > fraction + 1) return fallback.format(v).getBytes(StandardCharsets.UTF_8);
        // sign, first digit, '.', fraction digits, 'E', at most 4 exponent characters ("-324")
        byte[] b = new byte[fraction + 9];
        int at = 0;
        if (v < 0) b[at++] = '-';
        b[at++] = digits[lead];
        b[at++] = '.';
        for (int i = lead + 1; i < end; i++) b[at++] = digits[i];
        for (int i = end - lead - 1; i < fraction; i++) b[at++] = '0';
        b[at++] = 'E';
        if (exponent < 0) {
            b[at++] = '-';
            exponent = -exponent;
        }
        int width = exponent >= 100 ? 3 : exponent >= 10 ? 2 : 1;
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + exponent % 10);
            exponent /= 10;
        }
        at += width;
        return java.util.Arrays.copyOf(b, at);
    }
}
