package io.ddbsync.standin.value;

import com.xxdb.data.Entity.DATA_TYPE;

import java.nio.charset.StandardCharsets;

/**
 * DolphinDB's text of temporal values (2024.01.05, 2024.01M, 13:30:10.008, 2024.01.05T09:30:00.000,
 * ...), written directly from the raw counts. The API's getString() gives the same text through
 * java.time formatters, several times slower; string() of a big temporal column spends its time here.
 */
public final class TemporalText {
    private TemporalText() {
    }

    /** The text of one non-NULL raw value of type {@code t}. */
    public static String format(DATA_TYPE t, long raw) {
        // written as Latin-1 bytes into one small buffer: one String allocation per value, no builder
        return text(t, raw).toString();
    }

    /**
     * The texts of raw values of type {@code t} (NULL as Long.MIN_VALUE: an empty element), one
     * element of {@code out} each. A value equal to the one before reuses its text: a partition's
     * date column holds one value, written once instead of once a row.
     */
    public static void appendAll(DATA_TYPE t, long[] raw, PackedStrings.Builder out) {
        Text last = null;
        long lastRaw = 0;
        for (long v : raw) {
            if (v != Long.MIN_VALUE) {
                if (last == null || v != lastRaw) {
                    last = text(t, v);
                    lastRaw = v;
                }
                out.append(last.b, 0, last.n);
            }
            out.end();
        }
    }

    private static Text text(DATA_TYPE t, long raw) {
        Text sb = new Text();
        switch (t) {
            case DT_DATE -> date(sb, raw);
            case DT_MONTH -> {
                long y = Math.floorDiv(raw, 12);
                int m = (int) Math.floorMod(raw, 12) + 1;
                pad(sb, y, 4).append('.');
                pad(sb, m, 2).append('M');
            }
            case DT_DATEHOUR -> {
                date(sb, Math.floorDiv(raw, 24)).append('T');
                pad(sb, Math.floorMod(raw, 24), 2);
            }
            case DT_DATETIME -> clock(date(sb, Math.floorDiv(raw, 86_400L)).append('T'), Math.floorMod(raw, 86_400L) * 1_000_000_000L, 0);
            case DT_TIMESTAMP -> clock(date(sb, Math.floorDiv(raw, 86_400_000L)).append('T'), Math.floorMod(raw, 86_400_000L) * 1_000_000L, 3);
            case DT_NANOTIMESTAMP -> clock(date(sb, Math.floorDiv(raw, Temporals.NS_PER_DAY)).append('T'), Math.floorMod(raw, Temporals.NS_PER_DAY), 9);
            case DT_SECOND -> clock(sb, raw * 1_000_000_000L, 0);
            case DT_TIME -> clock(sb, raw * 1_000_000L, 3);
            case DT_NANOTIME -> clock(sb, raw, 9);
            case DT_MINUTE -> {
                pad(sb, raw / 60, 2).append(':');
                pad(sb, raw % 60, 2).append('m');
            }
            default -> throw new IllegalArgumentException("not temporal: " + t);
        }
        return sb;
    }

    /**
     * An ASCII text being written: a fixed buffer large enough for any temporal text (a sign and
     * nineteen digits of a year, plus the rest, at most), turned into a String with one copy.
     */
    private static final class Text {
        private final byte[] b = new byte[64];
        private int n;

        Text append(char c) {
            b[n++] = (byte) c;
            return this;
        }

        @Override
        public String toString() {
            return new String(b, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** yyyy.MM.dd of a count of days since 1970-01-01 (the civil calendar, proleptic Gregorian). */
    private static Text date(Text sb, long days) {
        // Howard Hinnant's days-to-civil algorithm
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) y++;
        pad(sb, y, 4).append('.');
        pad(sb, m, 2).append('.');
        return pad(sb, d, 2);
    }

    /** HH:mm:ss with {@code fraction} digits of the nanoseconds since midnight. */
    private static Text clock(Text sb, long nanos, int fraction) {
        long secs = nanos / 1_000_000_000L;
        pad(sb, secs / 3600, 2).append(':');
        pad(sb, secs / 60 % 60, 2).append(':');
        pad(sb, secs % 60, 2);
        if (fraction > 0) {
            long part = nanos % 1_000_000_000L;
            for (int i = fraction; i < 9; i++) part /= 10;
            sb.append('.');
            pad(sb, part, fraction);
        }
        return sb;
    }

    /**
     * A '-' for a negative value, then its magnitude in decimal with leading zeros to {@code width}
     * digits, as Long.toString's digits padded would be (Long.MIN_VALUE's magnitude included).
     */
    private static Text pad(Text sb, long v, int width) {
        if (v < 0) sb.append('-');
        if (v == Long.MIN_VALUE) {
            // no positive counterpart: the former text (a '-' before Long.toString's "-922...")
            for (char c : Long.toString(v).toCharArray()) sb.append(c);
            return sb;
        }
        if (v > -100_000 && v < 100_000) {
            // the usual fields (days, hours, ... a year): int arithmetic, cheaper than long division
            int x = (int) (v < 0 ? -v : v);
            int digits = x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10_000 ? 4 : 5;
            for (int i = digits; i < width; i++) sb.append('0');
            int end = sb.n + digits;
            for (int at = end - 1; at >= sb.n; at--) {
                sb.b[at] = (byte) ('0' + x % 10);
                x /= 10;
            }
            sb.n = end;
            return sb;
        }
        // count the digits of |v| on the negative side, where Long.MIN_VALUE fits
        long neg = v < 0 ? v : -v;
        int digits = 1;
        for (long x = neg / 10; x != 0; x /= 10) digits++;
        for (int i = digits; i < width; i++) sb.append('0');
        int end = sb.n + digits;
        for (int at = end - 1; at >= sb.n; at--) {
            sb.b[at] = (byte) ('0' - (int) (neg % 10));
            neg /= 10;
        }
        sb.n = end;
        return sb;
    }
}
