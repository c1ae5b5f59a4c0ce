package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.script.Args;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.*;

import java.time.*;

import static com.xxdb.data.Entity.DATA_TYPE.*;
import static io.ddbsync.standin.script.Builtins.add;

/** Temporal conversion functions, now(), today() and temporalAdd. Times are local, as DolphinDB's are. */
public final class TemporalFunctions {
    private TemporalFunctions() {
    }

    public static void register() {
        temporal("date", DT_DATE);
        temporal("month", DT_MONTH);
        temporal("time", DT_TIME);
        temporal("minute", DT_MINUTE);
        temporal("second", DT_SECOND);
        temporal("datetime", DT_DATETIME);
        temporal("timestamp", DT_TIMESTAMP);
        temporal("nanotime", DT_NANOTIME);
        temporal("nanotimestamp", DT_NANOTIMESTAMP);
        temporal("datehour", DT_DATEHOUR);
        add("now([nanoSecond])", a -> {
            LocalDateTime t = LocalDateTime.now();
            long nanos = t.toLocalDate().toEpochDay() * Temporals.NS_PER_DAY + t.toLocalTime().toNanoOfDay();
            return a.bool(0, false) ? new BasicNanoTimestamp(nanos) : new BasicTimestamp(Math.floorDiv(nanos, 1_000_000L));
        });
        add("today()", a -> new BasicDate((int) LocalDate.now().toEpochDay()));
        add("temporalAdd(obj, duration, [unit])", TemporalFunctions::temporalAdd);
        add("datetimeAdd(obj, duration, [unit])", TemporalFunctions::temporalAdd);
        add("year(X)", a -> part(a.get(0), d -> d.getYear()));
        add("monthOfYear(X)", a -> part(a.get(0), d -> d.getMonthValue()));
        add("dayOfMonth(X)", a -> part(a.get(0), d -> d.getDayOfMonth()));
    }

    private static void temporal(String name, DATA_TYPE t) {
        add(name + "(X)", a -> {
            Entity x = a.get(0);
            if (Types.isIntegral(x.getDataType()) && x.getDataType() != DT_BOOL) {
                // an integer counts units since the epoch (or midnight)
                return x.isScalar() ? Scalars.ofLong(t, Scalars.rawLong(x)) : Vectors.fromLongs(t, Vectors.longs((Vector) x));
            }
            if (!Types.isTemporal(x.getDataType()) && !Types.isLiteral(x.getDataType()) && x.getDataType() != DT_VOID) {
                throw new ScriptException("The function " + name + " does not support " + x.getDataType().getName().toLowerCase() + " data");
            }
            return Casts.to(x, t, 0, name);
        });
    }

    private static Entity part(Entity x, java.util.function.ToIntFunction<LocalDate> f) {
        Entity dates = Casts.to(x, DT_DATE, 0, "year");
        if (dates.isScalar()) {
            long raw = Scalars.rawLong(dates);
            return raw == Long.MIN_VALUE ? Scalars.nullOf(DT_INT) : new BasicInt(f.applyAsInt(LocalDate.ofEpochDay(raw)));
        }
        long[] raw = Vectors.longs((Vector) dates);
        long[] out = new long[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = raw[i] == Long.MIN_VALUE ? Long.MIN_VALUE : f.applyAsInt(LocalDate.ofEpochDay(raw[i]));
        return Vectors.fromLongs(DT_INT, out);
    }

    /** temporalAdd(obj, duration, unit): unit ns, us, ms, s, m, H, d, w, M, y; or a DURATION such as 1d. */
    private static Entity temporalAdd(Args a) {
        Entity obj = a.get(0);
        long amount;
        String unit;
        Entity d = a.get(1);
        if (d instanceof BasicDuration dur) {
            amount = dur.getDuration();
            unit = switch (dur.getUnit()) {
                case NS -> "ns";
                case US -> "us";
                case MS -> "ms";
                case SECOND -> "s";
                case MINUTE -> "m";
                case HOUR -> "H";
                case DAY -> "d";
                case WEEK -> "w";
                case MONTH -> "M";
                case YEAR -> "y";
                default -> throw new ScriptException("temporalAdd doesn't support the unit " + dur.getUnit());
            };
        } else {
            amount = a.integer(1);
            unit = a.string(2);
        }
        DATA_TYPE t = obj.getDataType();
        if (!Types.isTemporal(t)) throw a.argument(0, "must be a temporal value");
        long[] raw = obj.isScalar() ? new long[]{Scalars.rawLong(obj)} : Vectors.longs((Vector) obj);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == Long.MIN_VALUE) continue;
            raw[i] = shift(t, raw[i], amount, unit);
        }
        return obj.isScalar() ? Scalars.ofLong(t, raw[0]) : Vectors.fromLongs(t, raw);
    }

    private static long shift(DATA_TYPE t, long raw, long amount, String unit) {
        if (unit.equals("M") || unit.equals("y")) {
            long months = unit.equals("y") ? amount * 12 : amount;
            if (t == DT_MONTH) return raw + months;
            long nanos = Temporals.toNanos(t, raw);
            LocalDateTime dt = LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
            LocalDateTime moved = dt.plusMonths(months);
            long movedNanos = moved.toLocalDate().toEpochDay() * Temporals.NS_PER_DAY + moved.toLocalTime().toNanoOfDay();
            return Temporals.fromNanos(t, movedNanos);
        }
        long unitNanos = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "H" -> 3_600_000_000_000L;
            case "d" -> Temporals.NS_PER_DAY;
            case "w" -> 7 * Temporals.NS_PER_DAY;
            default -> throw new ScriptException("temporalAdd doesn't support the unit " + unit);
        };
        if (t == DT_MONTH) throw new ScriptException("temporalAdd on MONTH only supports the units M and y");
        return Temporals.fromNanos(t, Temporals.toNanos(t, raw) + amount * unitNanos);
    }
}
