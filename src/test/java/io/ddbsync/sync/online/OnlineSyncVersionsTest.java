package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a run proves must still hold at its end, and what a resumed run skips must still hold when
 * it skips it. Others write on both sides while runs go (a test thread appending small batches to
 * the source, a row written into the target after a partition verified); the runner reaches the
 * target through a throttled proxy, about half a second a partition, so those writes land mid-run.
 * Every outcome is judged with the test's own per-partition queries on both clusters (row count and
 * sums of every column, {@link #partitionSums}).
 */
class OnlineSyncVersionsTest extends ProxiedTargetTestSupport {
    private static final int DAYS = 6;
    private static final int ROWS = 3_000;
    @BeforeAll
    static void throttle() {
        // about half a second a partition on the way to the target
        proxy.throttle(300_000);
    }

    private String oneAtATime(String db, String... more) throws Exception {
        Map<String, String> p = params("parallel", "1", "fetchSize", "8192", "ledger", "observedLedger");
        p.putAll(params(more));
        return job(db, p);
    }

    /** The partition of a ledger key: job|target table|window|partition|source version|target version. */
    private static String pathOf(String key) {
        return key.split("\\|")[3];
    }

    /** The ticks day of a partition path /2024010d. */
    private static int dayOf(String path) {
        return LocalDate.parse(path.substring(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE).getDayOfMonth() - 1;
    }

    /**
     * A test thread appending 10 rows at a time to source partitions that have verified, every 40 ms,
     * until stopped; stop() returns once no append is under way, so none lands after it.
     */
    private static final class SourceWriter implements AutoCloseable {
        private final ReentrantLock appending = new ReentrantLock();
        private final List<String> verified = new CopyOnWriteArrayList<>();
        private final Set<String> written = ConcurrentHashMap.newKeySet();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stopped;
        private final Thread thread;

        SourceWriter(String db) {
            thread = new Thread(() -> {
                long id = 10_000_000;
                while (!stopped) {
                    if (!verified.isEmpty()) {
                        String path = verified.get(ThreadLocalRandom.current().nextInt(verified.size()));
                        appending.lock();
                        try {
                            if (stopped) break;
                            appendDay(src, db, dayOf(path), 10, id);
                            id += 10;
                            written.add(path);
                        } catch (Exception e) {
                            failure.set(e);
                            return;
                        } finally {
                            appending.unlock();
                        }
                    }
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "source-writer");
            thread.setDaemon(true);
            thread.start();
        }

        void verified(String path) {
            verified.add(path);
        }

        void stop() {
            stopped = true;
            appending.lock();
            appending.unlock();
        }

        Set<String> written() {
            assertNull(failure.get(), "the writer failed");
            return new TreeSet<>(written);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            thread.join(10_000);
        }
    }

    /** Partitions (days) whose sums differ between the two sides, by the test's own queries. */
    private static Set<String> differingDays(String db) throws Exception {
        Map<String, String> a = partitionSums(src, db, "mt");
        Map<String, String> b = partitionSums(dst, db, "mt");
        Set<String> days = new TreeSet<>(a.keySet());
        days.addAll(b.keySet());
        days.removeIf(d -> java.util.Objects.equals(a.get(d), b.get(d)));
        return days;
    }

    private static String pathOfDay(String day) {
        return "/" + day.replace(".", "");
    }

    /** A run and what the test wrote to the source while it went: the partitions, and the ledger keys in the order they verified. */
    private record WrittenRun(RunReport report, Set<String> written, List<String> verified) {}

    /**
     * Runs the job while a {@link SourceWriter} appends to partitions that verified. With
     * stopAtLastPlanned the writes stop as the plan's last partition verifies (before the run
     * looks at the versions), else they go on until the run ends.
     */
    private WrittenRun runWhileWriting(String db, String job, boolean stopAtLastPlanned) throws Exception {
        List<String> verified = new CopyOnWriteArrayList<>();
        try (SourceWriter writer = new SourceWriter(db)) {
            ledger.onAdd(key -> {
                verified.add(key);
                if (!stopAtLastPlanned) writer.verified(pathOf(key));
                else if (verified.size() == DAYS) writer.stop();
                else if (verified.size() < DAYS) writer.verified(pathOf(key));
            });
            RunReport report = run(job);
            writer.stop();
            Set<String> written = writer.written();
            assertFalse(written.isEmpty(), "the test wrote to the source during the run");
            return new WrittenRun(report, written, verified);
        }
    }

    @Test
    void sourceWritesDuringARunWithoutCatchUpAreNamedAndTheRunIsNeverOk() throws Exception {
        String db = createTicks(src, DAYS, ROWS);
        String job = oneAtATime(db, "catchUpRounds", "0");
        WrittenRun run = runWhileWriting(db, job, true);
        RunReport report = run.report();
        assertEquals(RunReport.Outcome.SOURCE_CHANGED, report.outcome(), report::render);
        assertNull(report.error(), report::render);
        assertFalse(report.succeeded());
        assertEquals(run.written(), report.sourceWritten().keySet(), report::render);
        String rendered = report.render();
        assertFalse(rendered.contains("OK") || rendered.contains("checksums equal\n"), rendered);
        for (String path : run.written()) assertTrue(rendered.contains("source changed: " + path + " written on the source during the run"), rendered);
        // the test's own view: the target differs from the source exactly in those partitions
        Set<String> differ = new TreeSet<>();
        for (String day : differingDays(db)) differ.add(pathOfDay(day));
        assertEquals(run.written(), differ);

        // a later run, with the source quiet, brings them over
        RunReport next = run(job);
        assertTrue(next.succeeded(), next::render);
        assertSamePartitions(db, db);
    }

    @Test
    void sourceWritesDuringARunAreCopiedAgainAtItsEndAndTheTargetEndsEqual() throws Exception {
        String db = createTicks(src, DAYS, ROWS);
        WrittenRun run = runWhileWriting(db, oneAtATime(db), true);
        RunReport report = run.report();
        assertTrue(report.succeeded(), report::render);
        List<String> again = run.verified().subList(DAYS, run.verified().size()).stream().map(OnlineSyncVersionsTest::pathOf).sorted().toList();
        assertEquals(new ArrayList<>(run.written()), again, "the catch-up round copied exactly the partitions written");
        assertTrue(report.render().contains("catch-up round"), report::render);
        assertSamePartitions(db, db);
        assertEquals(Set.of(), differingDays(db));
    }

    @Test
    void sourceStillWrittenAfterTheCatchUpRoundEndsTheRunSourceChanged() throws Exception {
        String db = createTicks(src, DAYS, ROWS);
        RunReport report = runWhileWriting(db, oneAtATime(db, "catchUpRounds", "1"), false).report();
        assertEquals(RunReport.Outcome.SOURCE_CHANGED, report.outcome(), report::render);
        assertTrue(report.render().contains("catch-up round"), report::render);
        assertFalse(report.sourceWritten().isEmpty(), report::render);
        assertFalse(report.render().contains("OK"), report::render);
    }

    @Test
    void aTargetPartitionWrittenAfterItVerifiedFailsTheRunNamingItAndARerunRepairsIt() throws Exception {
        String db = createTicks(src, DAYS, ROWS);
        String job = oneAtATime(db);
        AtomicReference<String> touched = new AtomicReference<>();
        ledger.onAdd(key -> {
            if (!touched.compareAndSet(null, pathOf(key))) return;
            // another writer puts one row into the target partition that just verified
            Thread other = new Thread(() -> {
                try {
                    appendDay(dst, db, dayOf(pathOf(key)), 1, 20_000_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RunReport broken = run(job);
        String path = touched.get();
        assertNotNull(path);
        assertEquals(RunReport.Outcome.FAILED, broken.outcome(), broken::render);
        assertTrue(broken.error().contains("written after this run verified them") && broken.error().contains(path + " (written after it verified: its version now "), broken::render);
        assertEquals(Set.of(path), Set.copyOf(differingDays(db).stream().map(OnlineSyncVersionsTest::pathOfDay).toList()),
                "the test's own queries: the target differs in that partition only");

        // the ledger kept the run's keys, but the partition's target version is not the one recorded: copied again
        ledger.onAdd(key -> { });
        RunReport repaired = run(job);
        assertTrue(repaired.succeeded(), repaired::render);
        assertEquals("overwritten", partition(repaired, path).action(), repaired::render);
        assertEquals(DAYS - 1, repaired.partitions().stream().filter(p -> p.action().equals(RunReport.RESUMED)).count(), repaired::render);
        assertSamePartitions(db, db);
    }

    @Test
    void aResumeOnTheNextDayDoesNotSkipWhatTodaysWindowVerifiedYesterday() throws Exception {
        // partitions by symbol, so the same partitions hold yesterday's and today's rows; the window is on the day column
        String db = io.ddbsync.standin.TestCluster.uniqueDb("bysym");
        LocalDate utc = LocalDate.now(ZoneOffset.UTC);
        src.run("db = database('" + db + "', VALUE, `IBM`MSFT`AAPL)\n"
                + "t = table(1:0, `d`sym`id`qty, [DATE, SYMBOL, LONG, INT])\n"
                + "db.createPartitionedTable(t, `mt, `sym)\n"
                + "n = 3000\n"
                + "data = table(" + literal(utc.minusDays(1)) + " + (0..(n-1)) % 3 as d, take(`IBM`MSFT`AAPL`IBM, n) as sym, long(0..(n-1)) as id, 0..(n-1) as qty)\n"
                + "loadTable('" + db + "', 'mt').append!(data)");
        SyncRuns runs = context.getRegistry().lookupByNameAndType("syncRuns", SyncRuns.class);
        String job = oneAtATime(db, "window", "today", "windowColumn", "d");
        // "today" 14 hours east of UTC, then 12 hours west of it: always another day
        runs.setTimeZone("Etc/GMT-14");
        List<String> keys = new CopyOnWriteArrayList<>();
        ledger.onAdd(keys::add);
        RunReport first = run(job);
        assertTrue(first.succeeded(), first::render);
        assertEquals(3, keys.size(), first::render);
        // the run stopped before its end, as a kill would leave it: its keys in the ledger
        keys.forEach(ledger::add);
        runs.setTimeZone("Etc/GMT+12");
        RunReport next = run(job);
        runs.setTimeZone("");
        assertTrue(next.succeeded(), next::render);
        assertEquals(0, next.partitions().stream().filter(p -> p.action().equals(RunReport.RESUMED)).count(), next::render);
        assertEquals(3, next.partitions().stream().filter(RunReport.PartitionResult::verified).count(), next::render);
    }

    private static String literal(LocalDate day) {
        return String.format("%04d.%02d.%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }
}
