package io.ddbsync.sync.online;

import java.util.Locale;

/**
 * Numbers as the progress lines write them, the same text as {@code String.format(Locale.ROOT,
 * "%,d")} and {@code "%.1f"}, without parsing a format each time: every partition writes a line,
 * and String.format was a twentieth of the runner's CPU at 2,000 small partitions (JFR,
 * ManyPartitionsBenchmark).
 */
final class LineNumbers {
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};

    private LineNumbers() {
    }

    /** 1,234,567: thousands grouped with commas. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) return digits;
        StringBuilder out = new StringBuilder(digits.length() + length / 3);
        out.append(digits, 0, sign);
        for (int i = 0; i < length; i++) {
            if (i > 0 && (length - i) % 3 == 0) out.append(',');
            out.append(digits.charAt(sign + i));
        }
        return out.toString();
    }

    /** The value with this many decimals (0 to 6), rounded half up: 12.35 for 12.345 and 2. */
    static String decimals(double value, int decimals) {
        long scale = POWERS_OF_TEN[decimals];
        // beyond what a long holds scaled, or not a number: the formatter's own text
        if (!Double.isFinite(value) || Math.abs(value) >= Long.MAX_VALUE / (double) scale / 10) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder out = new StringBuilder(24);
        // like the formatter, a negative value keeps its sign even when it rounds to zero (-0.0)
        if (value < 0) out.append('-');
        out.append(scaled / scale);
        if (decimals > 0) {
            String fraction = Long.toString(scaled % scale);
            out.append('.');
            for (int i = fraction.length(); i < decimals; i++) out.append('0');
            out.append(fraction);
        }
        return out.toString();
    }
}
