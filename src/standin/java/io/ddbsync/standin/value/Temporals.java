package io.ddbsync.standin.value;

import com.xxdb.data.Entity;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.script.ScriptException;

import java.time.LocalDate;
import java.time.YearMonth;

import static com.xxdb.data.Entity.DATA_TYPE.*;

/**
 * DolphinDB temporal types as counts of units: days, months (year*12+month-1), hours, seconds,
 * milliseconds or nanoseconds since 1970-01-01 (or since midnight for the time-of-day types).
 * Conversions go through nanoseconds, flooring towards negative infinity like DolphinDB does.
 */
public final class Temporals {
    public static final long NS_PER_DAY = 86_400_000_000_000L;

    private Temporals() {
    }

    public static boolean hasDate(DATA_TYPE t) {
        return t == DT_DATE || t == DT_MONTH || t == DT_DATETIME || t == DT_TIMESTAMP || t == DT_NANOTIMESTAMP || t == DT_DATEHOUR;
    }

    public static boolean hasTime(DATA_TYPE t) {
        return t == DT_TIME || t == DT_MINUTE || t == DT_SECOND || t == DT_NANOTIME;
    }

    /** Granularity rank: MONTH < DATE < DATEHOUR < DATETIME < TIMESTAMP < NANOTIMESTAMP, and for time of day MINUTE < SECOND < TIME < NANOTIME. */
    public static int rank(DATA_TYPE t) {
        return switch (t) {
            case DT_MONTH -> 0;
            case DT_DATE -> 1;
            case DT_DATEHOUR -> 2;
            case DT_DATETIME -> 3;
            case DT_TIMESTAMP -> 4;
            case DT_NANOTIMESTAMP -> 5;
            case DT_MINUTE -> 10;
            case DT_SECOND -> 11;
            case DT_TIME -> 12;
            case DT_NANOTIME -> 13;
            default -> -1;
        };
    }

    /** Nanoseconds in one unit of {@code t}; MONTH has no fixed unit and answers 0. */
    public static long unitNanos(DATA_TYPE t) {
        return switch (t) {
            case DT_DATE -> NS_PER_DAY;
            case DT_DATEHOUR -> 3_600_000_000_000L;
            case DT_DATETIME, DT_SECOND -> 1_000_000_000L;
            case DT_TIMESTAMP, DT_TIME -> 1_000_000L;
            case DT_MINUTE -> 60_000_000_000L;
            case DT_NANOTIMESTAMP, DT_NANOTIME -> 1L;
            default -> 0L;
        };
    }

    public static long toNanos(DATA_TYPE t, long raw) {
        if (t == DT_MONTH) {
            int year = (int) Math.floorDiv(raw, 12);
            int month = (int) Math.floorMod(raw, 12) + 1;
            return LocalDate.of(year, month, 1).toEpochDay() * NS_PER_DAY;
        }
        return raw * unitNanos(t);
    }

    public static long fromNanos(DATA_TYPE t, long nanos) {
        if (t == DT_MONTH) {
            LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(nanos, NS_PER_DAY));
            return d.getYear() * 12L + d.getMonthValue() - 1;
        }
        if (hasTime(t)) nanos = Math.floorMod(nanos, NS_PER_DAY);
        return Math.floorDiv(nanos, unitNanos(t));
    }

    public static boolean convertible(DATA_TYPE from, DATA_TYPE to) {
        if (from == to) return true;
        if (hasDate(to)) return hasDate(from);
        return hasTime(to);
    }

    /** Converts one raw value between temporal types. The caller handles NULL. */
    public static long convert(long raw, DATA_TYPE from, DATA_TYPE to, String function) {
        if (from == to) return raw;
        if (hasDate(to) && !hasDate(from)) {
            throw new ScriptException("The function " + function + " does not support " + from.getName().toLowerCase() + " data");
        }
        return fromNanos(to, toNanos(from, raw));
    }

    /**
     * Converts raw values in place, as {@link #convert} does one by one; NULLs (Long.MIN_VALUE)
     * stay NULL. Between types of fixed units (all but MONTH) it scales by the ratio of the units,
     * which are multiples of one another, rather than going through nanoseconds element by element.
     */
    public static void convertAll(long[] raw, DATA_TYPE from, DATA_TYPE to, String function) {
        if (from == to) return;
        if (hasDate(to) && !hasDate(from)) {
            throw new ScriptException("The function " + function + " does not support " + from.getName().toLowerCase() + " data");
        }
        long unitFrom = unitNanos(from);
        long unitTo = unitNanos(to);
        if (unitFrom == 0 || unitTo == 0) {
            for (int i = 0; i < raw.length; i++) if (raw[i] != Long.MIN_VALUE) raw[i] = convert(raw[i], from, to, function);
            return;
        }
        // a time of day keeps only the part after midnight: a day is a whole number of any fixed unit
        long unitsPerDay = hasTime(to) ? NS_PER_DAY / unitFrom : 0;
        for (int i = 0; i < raw.length; i++) {
            long v = raw[i];
            if (v == Long.MIN_VALUE) continue;
            if (unitsPerDay > 0) v = Math.floorMod(v, unitsPerDay);
            raw[i] = unitFrom >= unitTo ? v * (unitFrom / unitTo) : Math.floorDiv(v, unitTo / unitFrom);
        }
    }

    /** Parses a temporal literal in DolphinDB's own format (2024.01.01, 2024.01M, 13:30:10.008, 2024.01.01T09:30:00.000...). */
    public static Entity parseLiteral(String s, DATA_TYPE t) {
        try {
            long raw = switch (t) {
                case DT_DATE -> date(s);
                case DT_MONTH -> YearMonth.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7))).getYear() * 12L
                        + Integer.parseInt(s.substring(5, 7)) - 1;
                case DT_MINUTE -> Integer.parseInt(s.substring(0, 2)) * 60L + Integer.parseInt(s.substring(3, 5));
                case DT_SECOND, DT_TIME, DT_NANOTIME -> fromNanos(t, clockNanos(s));
                case DT_DATETIME, DT_TIMESTAMP, DT_NANOTIMESTAMP ->
                        fromNanos(t, date(s.substring(0, 10)) * NS_PER_DAY + clockNanos(s.substring(11)));
                default -> throw new IllegalArgumentException(t.toString());
            };
            return Scalars.temporal(t, raw);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new ScriptException("Invalid " + t.getName() + " literal " + s);
        }
    }

    private static long date(String s) {
        return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)),
                Integer.parseInt(s.substring(8, 10))).toEpochDay();
    }

    /** hh:mm:ss[.fraction] as nanoseconds since midnight. */
    private static long clockNanos(String s) {
        long h = Integer.parseInt(s.substring(0, 2));
        long m = Integer.parseInt(s.substring(3, 5));
        long sec = s.length() >= 8 ? Integer.parseInt(s.substring(6, 8)) : 0;
        long frac = 0;
        if (s.length() > 9 && s.charAt(8) == '.') {
            String f = (s.substring(9) + "000000000").substring(0, 9);
            frac = Long.parseLong(f);
        }
        if (h > 23 || m > 59 || sec > 59) throw new NumberFormatException(s);
        return ((h * 60 + m) * 60 + sec) * 1_000_000_000L + frac;
    }

    /** Parses text the way the conversion functions do for a STRING argument (date("2024.01.01"), timestamp("...")). */
    public static long parseText(String s, DATA_TYPE t) {
        String x = s.trim().replace('-', '.').replace(' ', 'T');
        Entity e;
        if (x.matches("\\d{4}\\.\\d{2}\\.\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            e = parseLiteral(x, DT_NANOTIMESTAMP);
            return convert(Scalars.rawLong(e), DT_NANOTIMESTAMP, t, t.getName().toLowerCase());
        }
        if (x.matches("\\d{4}\\.\\d{2}\\.\\d{2}")) {
            return convert(date(x), DT_DATE, t, t.getName().toLowerCase());
        }
        if (x.matches("\\d{4}\\.\\d{2}M?")) {
            long m = Integer.parseInt(x.substring(0, 4)) * 12L + Integer.parseInt(x.substring(5, 7)) - 1;
            return convert(m, DT_MONTH, t, t.getName().toLowerCase());
        }
        if (x.matches("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return convert(clockNanos(x), DT_NANOTIME, t, t.getName().toLowerCase());
        }
        if (x.matches("\\d{2}:\\d{2}m?")) {
            return convert(Integer.parseInt(x.substring(0, 2)) * 60L + Integer.parseInt(x.substring(3, 5)), DT_MINUTE, t, t.getName().toLowerCase());
        }
        return Types.nullLong(t);
    }
}
