package io.ddbsync.sync.run;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The window of rows a job syncs, as a job writes it: {@code all}, {@code today}, {@code yesterday},
 * {@code last 7 days} (today and the six days before), or an explicit inclusive range of days
 * {@code 2024.01.01..2024.01.07}. It resolves, with the runner's clock, to a half-open range of days
 * and then to a DolphinDB condition on a temporal column, such as
 * {@code Timestamp >= 2024.01.05T00:00:00.000 and Timestamp < 2024.01.06T00:00:00.000}.
 * Resolving on the runner (not with the server's now()) keeps a run's window fixed while it runs
 * and lets a resumed run find the same partitions.
 *
 * @param spec the window as the job wrote it, in lower case ({@code all} for an empty one)
 * @param from the first day in the window, or null for all rows
 * @param until the first day after the window, or null for all rows
 */
public record SyncWindow(String spec, LocalDate from, LocalDate until) {
    private static final Pattern LAST_DAYS = Pattern.compile("last\\s+(\\d+)\\s+days?");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}\\.\\d{2}\\.\\d{2})\\s*\\.\\.\\s*(\\d{4}\\.\\d{2}\\.\\d{2})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT);

    public static SyncWindow parse(String spec, Clock clock) {
        String s = spec == null ? "all" : spec.trim().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock);
        if (s.isEmpty() || s.equals("all")) return new SyncWindow("all", null, null);
        if (s.equals("today")) return new SyncWindow(s, today, today.plusDays(1));
        if (s.equals("yesterday")) return new SyncWindow(s, today.minusDays(1), today);
        Matcher last = LAST_DAYS.matcher(s);
        if (last.matches()) {
            int days = Integer.parseInt(last.group(1));
            if (days < 1) throw new IllegalArgumentException("Window '" + spec + "': the number of days must be at least 1");
            return new SyncWindow(s, today.minusDays(days - 1L), today.plusDays(1));
        }
        Matcher range = RANGE.matcher(s);
        if (range.matches()) {
            LocalDate a = LocalDate.parse(range.group(1), DAY);
            LocalDate b = LocalDate.parse(range.group(2), DAY);
            if (b.isBefore(a)) throw new IllegalArgumentException("Window '" + spec + "': the range ends before it starts");
            return new SyncWindow(s, a, b.plusDays(1));
        }
        throw new IllegalArgumentException("Window '" + spec + "' is not one of: all, today, yesterday, last N days, yyyy.MM.dd..yyyy.MM.dd");
    }

    public boolean isAll() {
        return from == null;
    }

    /** A stable name for the window, used to tell runs of the same window apart from others (e.g. 2024.01.05..2024.01.05). */
    public String key() {
        return isAll() ? "all" : from.format(DAY) + ".." + until.minusDays(1).format(DAY);
    }

    /**
     * The condition on a column of the given DolphinDB type (DATE, DATETIME, TIMESTAMP, NANOTIMESTAMP,
     * DATEHOUR or MONTH), or null for all rows. The column name must already be validated.
     */
    public String condition(String column, String type) {
        if (isAll()) return null;
        String t = type.toUpperCase(Locale.ROOT);
        if (t.equals("MONTH")) {
            return column + " >= " + month(from) + " and " + column + " <= " + month(until.minusDays(1));
        }
        return column + " >= " + literal(from, t) + " and " + column + " < " + literal(until, t);
    }

    private static String month(LocalDate d) {
        return String.format(Locale.ROOT, "%04d.%02dM", d.getYear(), d.getMonthValue());
    }

    /** Midnight of a day as a DolphinDB literal of the given temporal type. */
    static String literal(LocalDate day, String type) {
        LocalDateTime midnight = day.atStartOfDay();
        return switch (type) {
            case "DATE" -> day.format(DAY);
            case "DATETIME" -> midnight.format(DateTimeFormatter.ofPattern("yyyy.MM.dd'T'HH:mm:ss", Locale.ROOT));
            case "TIMESTAMP" -> midnight.format(DateTimeFormatter.ofPattern("yyyy.MM.dd'T'HH:mm:ss.SSS", Locale.ROOT));
            case "NANOTIMESTAMP" -> midnight.format(DateTimeFormatter.ofPattern("yyyy.MM.dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT));
            case "DATEHOUR" -> "datehour(" + midnight.format(DateTimeFormatter.ofPattern("yyyy.MM.dd'T'HH:mm:ss", Locale.ROOT)) + ")";
            default -> throw new IllegalArgumentException("A window needs a temporal column with a date (DATE, DATETIME, TIMESTAMP, NANOTIMESTAMP, DATEHOUR, MONTH), not " + type);
        };
    }

    @Override
    public String toString() {
        return spec + (isAll() ? "" : " [" + key() + "]");
    }
}
