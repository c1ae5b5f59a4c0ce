package io.ddbsync.sync.online;

import com.xxdb.data.Vector;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application, in a JVM of its own with the shipped configuration and routes, runs the real
 * db1-online job once (--once) and is killed with -9 at one point of the run: during the plan, in
 * a partition's first block, between a partition's last block and its read-back, in a read-back,
 * in the end-of-run check of versions, in a catch-up round, right after the report; and an
 * incremental run in a partition's block. Each time the test first checks that the kill landed
 * there (the progress lines printed by then, the target's rows by the test's own queries, the
 * ledger), then runs the job again with the same configuration: it must exit 0 and leave the
 * target equal to the source by the test's own per-partition queries (PartitionFingerprints), with
 * no row twice.
 * <p>
 * The target is reached through a proxy, which finds the points by what goes through it rather than
 * by the routes' steps: only the blocks being appended are requests of {@link #BLOCK} bytes or more
 * (everything else sent to the target is a short script), and only read-backs are replies that large.
 * A partition is {@link #ROWS} rows, two blocks of fetchSize 8192 rows, one partition copied at a
 * time, so the p-th partition copied has the (2p-1)th and (2p)th large requests. Which partition
 * that is, is the plan's business: the test tells them apart by what the target holds. The stand-ins and the
 * proxy are shared; each kill point has its own target database and state directory.
 */
class OnlineRunnerKilledAtManyPointsTest {
    private static final String JOB = "db1-online";
    private static final int DAYS = 4;
    /** 8192 + 3808 rows: two blocks of fetchSize rows, each well over {@link #BLOCK} bytes (about 40 bytes a row). */
    private static final int ROWS = 12_000;
    private static final int BLOCKS_PER_PARTITION = 2;
    private static final long BLOCK = 100_000;
    private static final Predicate<String> RUN_ENDED = line -> line.startsWith("[" + JOB + "] run ") && line.endsWith(" ended");
    private static final Predicate<String> VERIFIED = line -> line.startsWith("[" + JOB + "] /") && line.contains(" verified [");

    static TestCluster src;
    static TestCluster dst;
    static TcpProxy proxy;
    /** The source table of the kill points that do not write to the source, and what it holds. */
    static String source;
    static Map<String, String> sourceFingerprints;

    @BeforeAll
    static void start() throws Exception {
        src = TestCluster.start();
        dst = TestCluster.second();
        proxy = new TcpProxy(dst.host(), dst.port());
        source = OnlineSyncTestSupport.createTicks(src, DAYS, ROWS);
        sourceFingerprints = PartitionFingerprints.of(src, source, "mt");
    }

    @AfterEach
    void quietLinkAndTheSharedSourceAsItWas() throws Exception {
        proxy.disarm();
        proxy.throttle(0);
        assertEquals(sourceFingerprints, PartitionFingerprints.of(src, source, "mt"), "the shared source is as it was");
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) proxy.close();
        if (src != null) src.close();
        if (dst != null) dst.close();
    }

    @Test
    void killedDuringThePlan(@TempDir Path work) throws Exception {
        Job job = new Job(work, source);
        String atKill = job.runKilled(first -> {
            // from the run's start, every request to the target crawls: the plan's scripts there (ensureTable, the
            // partitions) take seconds
            first.await(line -> line.startsWith("[" + JOB + "] run ") && line.contains(" started"), 1, 120, "the run started");
            proxy.throttle(500);
            first.await(line -> line.equals("[" + JOB + "] plan ..."), 1, 120, "the plan began");
            first.kill();
        });
        assertFalse(atKill.contains("[" + JOB + "] plan done"), "killed before the plan was done:\n" + atKill);
        job.rerunEndsEqual(atKill);
    }

    @Test
    void killedInAPartitionsFirstBlock(@TempDir Path work) throws Exception {
        Job job = new Job(work, source);
        String atKill = job.runKilledByTheProxy("the second partition's first block", first -> {
            // the second partition's first block on its way: the first partition is on the target, maybe verified
            duringBlock(BLOCKS_PER_PARTITION + 1, kill(first));
        });
        // what the runner had written of the block may still reach the server (its kernel sends it): at most that block
        assertEquals(1, job.wholeOnTarget().size(), "one partition copied whole: " + PartitionFingerprints.of(dst, job.targetDb, "mt"));
        assertTrue(atKill.lines().filter(VERIFIED).count() <= 1, atKill);
        job.rerunEndsEqual(atKill);
    }

    @Test
    void killedBetweenAPartitionsCopyAndItsReadBack(@TempDir Path work) throws Exception {
        Job job = new Job(work, source);
        String atKill = job.runKilledByTheProxy("the second partition's last block appended", first -> {
            // the second partition's last block is appended; the runner has not heard so, let alone read the partition back
            afterBlock(2 * BLOCKS_PER_PARTITION, kill(first));
        });
        // the partitions are copied in the plan's order, whatever it is: the test tells them by what the target holds
        List<String> whole = job.wholeOnTarget();
        assertEquals(2, whole.size(), "two partitions copied whole: " + whole);
        List<String> ledger = job.ledger();
        assertTrue(ledger.size() <= 1, "at most the first verified: " + ledger);
        assertTrue(whole.stream().map(Job::path).anyMatch(path -> !atKill.contains(path + " ") && ledger.stream().noneMatch(key -> key.contains("|" + path + "|"))),
                "one of them copied whole, not verified:\n" + atKill + ledger);
        job.rerunEndsEqual(atKill);
    }

    @Test
    void killedDuringAReadBack(@TempDir Path work) throws Exception {
        Job job = new Job(work, source);
        String atKill = job.runKilledByTheProxy("the first partition's read-back", first -> {
            // the first reply that large: the first partition read back from the target, part of it received
            proxy.actInReply(BLOCK, kill(first));
        });
        assertFalse(job.wholeOnTarget().isEmpty(), "the first partition copied whole");
        assertTrue(atKill.lines().noneMatch(VERIFIED), "no partition verified:\n" + atKill);
        assertEquals(List.of(), job.ledger(), "nothing in the ledger");
        job.rerunEndsEqual(atKill);
    }

    @Test
    void killedInTheEndOfRunCheck(@TempDir Path work) throws Exception {
        Job job = new Job(work, source);
        String atKill = job.runKilled(first -> {
            // once the last block is appended, every request to the target crawls: the last read-back's, then the
            // listing of the target's partitions (their versions) that the end-of-run check needs
            afterBlock(DAYS * BLOCKS_PER_PARTITION, () -> proxy.throttle(100));
            first.await(VERIFIED, DAYS, 120, "every partition verified");
            first.kill();
        });
        assertEquals(DAYS, atKill.lines().filter(VERIFIED).count(), atKill);
        assertFalse(atKill.contains("[" + JOB + "] copy done"), "killed before the copy stage ended:\n" + atKill);
        assertTrue(atKill.lines().noneMatch(RUN_ENDED), "killed before the run ended:\n" + atKill);
        assertEquals(DAYS, job.ledger().size(), "every partition in the ledger: " + job.ledger());
        job.rerunEndsEqual(atKill);
    }

    @Test
    void killedInACatchUpRound(@TempDir Path work) throws Exception {
        // this one writes to its source
        Job job = new Job(work, OnlineSyncTestSupport.createTicks(src, DAYS, ROWS));
        String atKill = job.runKilledByTheProxy("the catch-up round's first block", first -> {
            // the first partition is copied (its two blocks appended, the third taken in): the source's moves on.
            // The rest of the run's blocks go by, and the next one is the catch-up round's copy of that partition.
            int blocksLeft = DAYS * BLOCKS_PER_PARTITION - (BLOCKS_PER_PARTITION + 1);
            afterBlock(BLOCKS_PER_PARTITION + 1, () -> {
                appendRows(job.sourceDb, job.wholeOnTarget().get(0));
                duringBlock(blocksLeft + 1, kill(first));
            });
        });
        assertTrue(atKill.contains("[" + JOB + "] catch-up round 1 of 1: 1 partitions written on the source during the run"), atKill);
        assertEquals(DAYS, atKill.lines().filter(VERIFIED).count(), atKill);
        job.rerunEndsEqual(atKill);
        assertEquals(DAYS * ROWS + 100, src.count(job.sourceDb, "mt"), "the source was written to during the run");
    }

    @Test
    void killedRightAfterTheReport(@TempDir Path work) throws Exception {
        Job job = new Job(work, source);
        String atKill = job.runKilled(first -> {
            first.await(RUN_ENDED, 1, 120, "the report");
            first.kill();
        });
        assertTrue(atKill.contains("OK, every partition verified"), atKill);
        job.rerunEndsEqual(atKill);
    }

    @Test
    void anIncrementalRunKilledInABlock(@TempDir Path work) throws Exception {
        Job job = new Job(work, OnlineSyncTestSupport.createTicks(src, DAYS, ROWS), "jobs.db1-online.incremental = true");
        job.rerunEndsEqual("a first, whole run");
        // two partitions move on the source: the incremental run copies those two only
        appendRows(job.sourceDb, "2024.01.02");
        appendRows(job.sourceDb, "2024.01.03");
        String atKill = job.runKilledByTheProxy("the second changed partition's first block", first -> {
            duringBlock(BLOCKS_PER_PARTITION + 1, kill(first));
        });
        // the other two were left alone; of the two changed, one was copied, the other cleared and at most one block in
        assertEquals(DAYS - 1, job.wholeOnTarget().size(), "all but one partition equal: " + PartitionFingerprints.of(dst, job.targetDb, "mt"));
        assertTrue(atKill.lines().filter(VERIFIED).count() <= 1, atKill);
        job.rerunEndsEqual(atKill);
    }

    /** One kill point's job: db1-online from {@code sourceDb} to a target database of its own, with a state directory of its own. */
    private static final class Job {
        final Path work;
        final String sourceDb;
        final String targetDb = TestCluster.uniqueDb("killedAt");
        final Path config;

        Job(Path work, String sourceDb, String... more) throws Exception {
            this.work = work;
            this.sourceDb = sourceDb;
            List<String> lines = new ArrayList<>(List.of(
                    "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                    "dolphindb.clusters.source.password = " + src.password(),
                    "dolphindb.clusters.target.sites = 127.0.0.1:" + proxy.port(),
                    "dolphindb.clusters.target.password = " + dst.password(),
                    // runners of other tests may be up on this machine: no management server (its port)
                    "camel.management.enabled = false",
                    "ddbsync.stateDir = " + work.resolve("state"),
                    "jobs.db1.database = " + sourceDb,
                    "jobs.db1.targetDatabase = " + targetDb,
                    "jobs.db1.window = all",
                    "jobs.db1-online.parallel = 1",
                    "jobs.db1-online.fetchSize = 8192"));
            lines.addAll(List.of(more));
            config = RunnerProcess.configuration(work, "application", lines);
        }

        RunnerProcess start() throws Exception {
            return RunnerProcess.start(work, config, "--once", JOB);
        }

        /** The days (partitions) the target holds exactly as the source does now, by the test's own queries. */
        List<String> wholeOnTarget() {
            try {
                Map<String, String> from = PartitionFingerprints.of(src, sourceDb, "mt");
                Map<String, String> to = PartitionFingerprints.of(dst, targetDb, "mt");
                return from.keySet().stream().filter(day -> from.get(day).equals(to.get(day))).toList();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A day's partition path, as the progress lines and the ledger name it: 2024.01.02 is /20240102. */
        static String path(String day) {
            return "/" + day.replace(".", "");
        }

        List<String> ledger() throws Exception {
            return RunnerProcess.lines(work.resolve("state").resolve("online-ledger.txt"));
        }

        /** What the test does to a running runner: sets its kill up, or kills it. */
        interface Killing {
            void meanwhile(RunnerProcess runner) throws Exception;
        }

        /** Runs the job once, {@code killing} it; what it printed until it died. */
        String runKilled(Killing killing) throws Exception {
            try (RunnerProcess first = start()) {
                killing.meanwhile(first);
                return first.finalOutput();
            }
        }

        /** As {@link #runKilled}, {@code arm} setting the proxy up to kill it at {@code point}: it was killed (137) there, before its run ended. */
        String runKilledByTheProxy(String point, Killing arm) throws Exception {
            return runKilled(runner -> {
                arm.meanwhile(runner);
                assertTrue(runner.process().waitFor(120, TimeUnit.SECONDS), "not killed within 120 s at " + point + ":\n" + runner.output());
                assertEquals(137, runner.process().exitValue(), "killed with -9 at " + point + ", not ended by itself:\n" + runner.finalOutput());
                assertTrue(runner.finalOutput().lines().noneMatch(RUN_ENDED), "killed before the run ended:\n" + runner.finalOutput());
            });
        }

        /**
         * The link as it is normally, the job run again with the same configuration: it exits 0, and
         * the target holds what the source holds, partition by partition, no row twice.
         */
        void rerunEndsEqual(String before) throws Exception {
            proxy.disarm();
            proxy.throttle(0);
            Map<String, String> sourceNow = PartitionFingerprints.of(src, sourceDb, "mt");
            try (RunnerProcess again = start()) {
                assertTrue(again.process().waitFor(120, TimeUnit.SECONDS), "the re-run ended");
                assertEquals(0, again.process().exitValue(), "after: " + before + "\nthe re-run:\n" + again.finalOutput());
            }
            assertEquals(sourceNow, PartitionFingerprints.of(src, sourceDb, "mt"), "the source as it was before the re-run");
            assertEquals(sourceNow, PartitionFingerprints.of(dst, targetDb, "mt"), "per partition, rows and every column: source and target");
            Vector ids = (Vector) dst.run("exec id from loadTable('" + targetDb + "', 'mt')");
            Set<String> distinct = new HashSet<>();
            for (int r = 0; r < ids.rows(); r++) distinct.add(ids.get(r).getString());
            assertEquals(ids.rows(), distinct.size(), "no row twice on the target");
        }
    }

    /** Runs the action while the n-th block from now goes through the proxy: part of it is in, the rest waits for the action. */
    private static void duringBlock(int n, Runnable action) {
        if (n == 1) proxy.actInRequest(BLOCK, action);
        else proxy.actAsAnswered(BLOCK, () -> duringBlock(n - 1, action));
    }

    /** Runs the action as the target answers the n-th block from now (it is appended), before the runner hears so. */
    private static void afterBlock(int n, Runnable action) {
        proxy.actAsAnswered(BLOCK, n == 1 ? action : () -> afterBlock(n - 1, action));
    }

    private static Runnable kill(RunnerProcess runner) {
        return () -> {
            try {
                runner.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** 100 more rows on the source's day (yyyy.MM.dd, in January 2024), with ids no other row has. */
    private static void appendRows(String db, String day) {
        int index = Integer.parseInt(day.substring(8)) - 1;
        try {
            OnlineSyncTestSupport.appendDay(src, db, index, 100, 10_000_000L + index * 1_000L);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
