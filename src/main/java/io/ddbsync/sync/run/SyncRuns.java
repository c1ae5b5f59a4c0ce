package io.ddbsync.sync.run;

import io.ddbsync.camel.DolphinDBOperationException;
import io.ddbsync.sync.state.JobLock;
import io.ddbsync.sync.state.JobLockedException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The life of one run, for the sync routes: starts its report and resolves its window, times its
 * stages, and ends it by printing the report. The report travels in exchange property
 * {@link SyncProperties#REPORT}, the resolved window in {@link SyncProperties#WINDOW}.
 * <p>
 * One run of a job at a time: {@link #start} takes the job's {@link JobLock} in the state directory
 * (and in the HA lock directory, when set) before anything is read or written, and the lock is let go
 * when the run's exchange completes, however it ends. A run that finds the job locked is refused
 * and touches nothing.
 */
public class SyncRuns {
    private static final Logger LOG = LoggerFactory.getLogger("io.ddbsync.progress");
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);

    private Clock clock;
    /** Where the job locks are: the state directory, and the HA lock directory when runners share one. */
    private final Set<Path> lockDirs = new LinkedHashSet<>();
    /** The last run of each job, for the health check. */
    private final java.util.Map<String, RunReport> lastRuns = new java.util.concurrent.ConcurrentHashMap<>();

    public SyncRuns() {
        this(Clock.systemDefaultZone());
    }

    public SyncRuns(Clock clock) {
        this.clock = clock;
    }

    /** The time zone of "today" and of run ids (empty: the runner's). */
    public void setTimeZone(String zone) {
        this.clock = zone == null || zone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(zone.trim()));
    }

    /** The runner's state directory (ddbsync.stateDir): job locks go in its locks/ directory. */
    public void setStateDir(String dir) {
        addLockDir(dir, "locks");
    }

    /** The directory the HA runners share (ddbsync.ha.lockDir; empty: none): job locks go in its jobs/ directory too. */
    public void setHaLockDir(String dir) {
        addLockDir(dir, "jobs");
    }

    private void addLockDir(String dir, String sub) {
        if (dir != null && !dir.isBlank()) lockDirs.add(Path.of(dir.trim(), sub).toAbsolutePath().normalize());
    }

    /**
     * Starts a run: takes the job's lock (let go when the exchange completes), then its report and window.
     * A run that finds the job locked is refused: it says so (REFUSED, naming the holder), the route
     * stops right here, having touched nothing, and the refusal is left in exchange property
     * {@link SyncProperties#REFUSED} for whoever started it (--once exits 3). A refusal is not a
     * failure: no error dump, and the job's last run stays what it was.
     *
     * @return the run's report; null when refused
     */
    public RunReport start(Exchange exchange, String job, String mode, String window) {
        return start(exchange, job, mode, window, "");
    }

    /**
     * {@link #start(Exchange, String, String, String)} with an overall deadline (a duration such as
     * 45m or 2h30m; empty: none), checked as each stage begins ({@link #beginStage}): past it, no
     * further stage starts and the run fails naming the job and the deadline. A stage already running
     * on a server (a backup, a restore) is not cut: a restore stopped halfway would leave the target
     * table half-restored; each server call is bounded by the cluster's readTimeout and backupTimeout.
     */
    public RunReport start(Exchange exchange, String job, String mode, String window, String deadline) {
        SyncWindow w = SyncWindow.parse(window, clock);
        long deadlineMillis = deadlineMillis(job, deadline);
        if (!lock(exchange, job)) {
            RunMetrics.refused(exchange.getContext(), job, mode);
            return null;
        }
        String runId = LocalDateTime.now(clock).format(RUN_ID);
        RunReport report = new RunReport(job, mode, runId).fact("window", w);
        exchange.setProperty(SyncProperties.RUN_STARTED, System.nanoTime());
        if (deadlineMillis > 0) {
            exchange.setProperty(SyncProperties.DEADLINE, new StageDeadline(job, deadline.trim(), System.nanoTime() + deadlineMillis * 1_000_000));
            report.fact("deadline", deadline.trim() + " from the start of the run (checked as each stage begins)");
        }
        exchange.setProperty(SyncProperties.REPORT, report);
        exchange.setProperty(SyncProperties.WINDOW, w);
        exchange.setProperty(SyncProperties.RUN_ID, runId);
        LOG.info("[{}] run {} started ({} sync, window {})", job, runId, mode, w);
        return report;
    }

    /** @return false when another run of the job holds its lock (the exchange then stops); throws when the lock cannot be taken at all */
    private boolean lock(Exchange exchange, String job) {
        List<JobLock> held = new ArrayList<>();
        try {
            for (Path dir : lockDirs) held.add(JobLock.acquire(dir, job));
        } catch (RuntimeException e) {
            held.forEach(JobLock::close);
            if (!(e instanceof JobLockedException)) throw e;
            LOG.warn("[{}] REFUSED: {}", job, e.getMessage());
            exchange.setProperty(SyncProperties.REFUSED, e.getMessage());
            exchange.setRouteStop(true);
            return false;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                held.forEach(JobLock::close);
            }
        });
        return true;
    }

    /** Marks the start of a stage; {@link #endStage} reports its time. */
    public void beginStage(Exchange exchange, String stage) {
        StageDeadline deadline = exchange.getProperty(SyncProperties.DEADLINE, StageDeadline.class);
        if (deadline != null && System.nanoTime() - deadline.endNanos() > 0) {
            throw new SyncVerificationException("Job " + deadline.job() + " passed its deadline of " + deadline.text()
                    + " (deadline) before its " + stage + " stage: no further stage was started, and a re-run syncs what this one did not");
        }
        exchange.setProperty(SyncProperties.STAGE_STARTED + stage, System.nanoTime());
        LOG.info("[{}] {} ...", report(exchange).job(), stage);
    }

    public void endStage(Exchange exchange, String stage, String detail) {
        Long started = exchange.getProperty(SyncProperties.STAGE_STARTED + stage, Long.class);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        report(exchange).stage(stage, millis, detail);
        LOG.info("[{}] {} done in {} ms{}", report(exchange).job(), stage, millis, detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    /** Records what the transfer leg moved (its exchange properties) in the report. */
    public void transferred(Exchange exchange) {
        Long bytes = exchange.getProperty(SyncProperties.TRANSFER_MOVED_BYTES, Long.class);
        Long millis = exchange.getProperty(SyncProperties.TRANSFER_MILLIS, Long.class);
        if (bytes != null) report(exchange).transferred(bytes, millis == null ? 0 : millis);
    }

    /** The last run of each job, finished or failed: its report as kept ({@link RunReport#kept}: outcome, lines, tables, the partitions that need attention). */
    public java.util.Map<String, RunReport> lastRuns() {
        return java.util.Collections.unmodifiableMap(lastRuns);
    }

    private void ended(Exchange exchange, RunReport report) {
        // as kept: its outcome and lines, not every partition's result (issue 18: a run of 20,000 partitions)
        lastRuns.put(report.job(), report.kept());
        Long started = exchange.getProperty(SyncProperties.RUN_STARTED, Long.class);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        RunMetrics.record(exchange.getContext(), report, millis);
    }

    /** Ends a run that got through every stage; prints the report. */
    public void finish(Exchange exchange) {
        RunReport report = report(exchange);
        report.finished();
        ended(exchange, report);
        LOG.info("[{}] run {} ended{}{}", report.job(), report.runId(), System.lineSeparator(), report.render());
    }

    /**
     * Ends a run that failed: the error goes into the report, which is printed, and the failure is
     * thrown again so whoever started the run (a schedule, --once) sees it.
     */
    public void fail(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        record(exchange);
        if (caught != null) throw withoutSplit(caught);
    }

    private void record(Exchange exchange) {
        RunReport report = exchange.getProperty(SyncProperties.REPORT, RunReport.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e == null) e = exchange.getException();
        String message = e == null ? "unknown error" : describe(e);
        if (report == null) {
            LOG.error("run failed before it started: {}", message);
            return;
        }
        report.failed(message);
        ended(exchange, report);
        LOG.error("[{}] run {} FAILED: {}{}{}", report.job(), report.runId(), message, System.lineSeparator(), report.render());
    }

    /**
     * The failure in words: the outermost message that says what went wrong, with the innermost
     * cause added when it says more. Camel's wrappers (which say only that something failed on an
     * exchange) are looked through, and what Camel's exchange exceptions append to a message (the
     * exchange id, "Caused by: [...]") is left out. A dolphindb operation's failure already says
     * where and what the server answered. Also the words of an online run's partition and table failures.
     */
    public static String describe(Throwable e) {
        if (e == null) return "unknown failure";
        Throwable outer = e;
        while (isWrapper(outer)) outer = outer.getCause();
        if (outer instanceof DolphinDBOperationException) return outer.getMessage();
        Throwable root = outer;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String what = withoutExchange(outer.getMessage());
        String inner = withoutExchange(root.getMessage());
        if (what == null) return inner == null ? outer.getClass().getSimpleName() : inner;
        if (inner == null || what.contains(inner) || root == outer) return what;
        return what + ": " + inner;
    }

    private static boolean isWrapper(Throwable t) {
        Throwable cause = t.getCause();
        return cause != null && cause != t
                && (t instanceof CamelExecutionException || isSplitFailure(t) || t.getMessage() == null || t.getMessage().equals(cause.toString()));
    }

    /** A split's "Multicast processing failed for number N" around what failed in one of its parts (the offline route splits over tables). */
    private static boolean isSplitFailure(Throwable t) {
        return t instanceof CamelExchangeException && t.getCause() instanceof Exception && String.valueOf(t.getMessage()).startsWith("Multicast processing failed");
    }

    private static Exception withoutSplit(Exception e) {
        Exception out = e;
        while (isSplitFailure(out)) out = (Exception) out.getCause();
        return out;
    }

    /** A message without the ". Exchange[...]..." tail Camel's exchange exceptions give theirs. */
    static String withoutExchange(String message) {
        if (message == null) return null;
        int tail = message.indexOf(". Exchange[");
        return tail < 0 ? message : message.substring(0, tail);
    }

    public static RunReport report(Exchange exchange) {
        RunReport report = exchange.getProperty(SyncProperties.REPORT, RunReport.class);
        if (report == null) throw new IllegalStateException("no run in progress on this exchange");
        return report;
    }

    /** A deadline in milliseconds from its text; 0: none. A text that is no duration stops the run before anything starts. */
    private static long deadlineMillis(String job, String deadline) {
        String d = deadline == null ? "" : deadline.trim();
        if (d.isEmpty()) return 0;
        long millis;
        try {
            millis = org.apache.camel.util.TimeUtils.toMilliSeconds(d);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Job " + job + ": deadline must be a duration such as 45m, 2h30m or 90s, not '" + deadline + "'", e);
        }
        if (millis <= 0) throw new IllegalArgumentException("Job " + job + ": deadline must be a positive duration, not '" + deadline + "'");
        return millis;
    }

    /** A run's deadline as {@link #beginStage} checks it. */
    record StageDeadline(String job, String text, long endNanos) {
    }
}
