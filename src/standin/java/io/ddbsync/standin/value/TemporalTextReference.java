package io.ddbsync.standin.value;

import com.xxdb.data.Entity.DATA_TYPE;

/** The former StringBuilder-based TemporalText, kept as the reference the fast writer must equal. */
final class TemporalTextReference {
    private TemporalTextReference() {
    }

    /** The text of one non-NULL raw value of type {@code t}. */
    static String format(DATA_TYPE t, long raw) {
        StringBuilder sb = new StringBuilder(29);
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
        return sb.toString();
    }

    /** yyyy.MM.dd of a count of days since 1970-01-01 (the civil calendar, proleptic Gregorian). */
    private static StringBuilder date(StringBuilder sb, long days) {
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
    private static StringBuilder clock(StringBuilder sb, long nanos, int fraction) {
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

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) sb.append('0');
        return sb.append(s);
    }
}
