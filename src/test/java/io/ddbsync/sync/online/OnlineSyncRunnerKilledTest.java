package io.ddbsync.sync.online;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application, in a JVM of its own, runs the real db1-online job once (--once) with the shipped
 * config/application.properties and routes/, pointed at two stand-ins; it is killed with -9 once
 * the ledger shows some partitions verified. Before it runs again, rows are added on the source to
 * one of those partitions. Run again, it copies that partition and those not verified, skips only
 * the partitions neither side has written to since they verified, and the target ends equal to the
 * source, partition by partition and row by row. And a run whose source is written to after a
 * partition verified, with no catch-up round: --once exits 4 (SOURCE_CHANGED), its report names the
 * partition and never says OK.
 */
class OnlineSyncRunnerKilledTest {
    private static final int DAYS = 8;
    private static final int ROWS = 3_000;

    @Test
    void aSourceWrittenAfterItsPartitionVerifiedEndsAOnceRunWithExitCode4(@TempDir Path work) throws Exception {
        // the run goes on well after the first partition verified
        ThrottledClusters.run(work, DAYS, ROWS, List.of("jobs.db1-online.catchUpRounds = 0"), (src, dst, db, config, ledger) -> {
            String out;
            String written;
            try (RunnerProcess run = RunnerProcess.start(work, config, "--once", "db1-online")) {
                run.awaitLines(ledger, 1, 60);
                written = RunnerProcess.lines(ledger).get(0).split("\\|")[3];
                OnlineSyncTestSupport.appendDay(src, db, Integer.parseInt(written.substring(7)) - 1, 100, 5_000_000);
                assertTrue(run.process().waitFor(120, TimeUnit.SECONDS), "the run ended");
                out = run.output();
                assertEquals(4, run.process().exitValue(), out);
            }
            assertTrue(out.contains("SOURCE CHANGED, 1 partitions written on the source during the run differ from it now"), out);
            assertTrue(out.contains("source changed: " + written + " written on the source during the run: the source now has 3,100 rows,"
                    + " the target holds 3,000 rows"), out);
            assertFalse(out.contains("OK, every partition verified"), out);
            // the test's own view: that partition, and only it, differs
            java.util.Map<String, String> source = OnlineSyncTestSupport.partitionSums(src, db, "mt");
            java.util.Map<String, String> target = OnlineSyncTestSupport.partitionSums(dst, db, "mt");
            List<String> differ = source.keySet().stream().filter(day -> !source.get(day).equals(target.get(day))).toList();
            assertEquals(List.of(written.substring(1, 5) + "." + written.substring(5, 7) + "." + written.substring(7)), differ);
        });
    }

    @Test
    void aRunnerKilledMidRunResumesWithTheVerifiedPartitionsSkipped(@TempDir Path work) throws Exception {
        // the kill lands in the middle of the run
        ThrottledClusters.run(work, DAYS, ROWS, List.of(), (src, dst, db, config, ledger) -> {

            List<String> keysAtKill;
            try (RunnerProcess first = RunnerProcess.start(work, config, "--once", "db1-online")) {
                first.awaitLines(ledger, 2, 60);
                first.kill();
            }
            keysAtKill = RunnerProcess.lines(ledger);
            assertTrue(keysAtKill.size() >= 2 && keysAtKill.size() < DAYS, "killed in the middle of the run: " + keysAtKill);
            // job|target table|window|partition|source version|target version
            List<String> verifiedAtKill = keysAtKill.stream().map(key -> key.split("\\|")[3]).toList();
            // the source moves on in a partition the ledger holds, while no runner runs
            String written = verifiedAtKill.get(0);
            OnlineSyncTestSupport.appendDay(src, db, Integer.parseInt(written.substring(7)) - 1, 1_000, 5_000_000);

            String out;
            try (RunnerProcess second = RunnerProcess.start(work, config, "--once", "db1-online")) {
                assertTrue(second.process().waitFor(120, TimeUnit.SECONDS), "the second run ended");
                out = second.output();
                assertEquals(0, second.process().exitValue(), out);
            }

            // exactly the partitions verified before the kill and not written since were skipped; the others were copied
            List<String> skipped = out.lines().filter(l -> l.contains("skipped: verified by an earlier run")).toList();
            assertEquals(verifiedAtKill.size() - 1, skipped.size(), out);
            for (String path : verifiedAtKill.subList(1, verifiedAtKill.size())) {
                assertTrue(skipped.stream().anyMatch(l -> l.contains(path + " skipped")), path + "\n" + out);
            }
            assertTrue(out.lines().anyMatch(l -> l.contains(written + " overwritten") && l.contains(" verified [")), written + " copied again\n" + out);
            long copied = out.lines().filter(l -> l.contains(" verified [")).count();
            assertEquals(DAYS - verifiedAtKill.size() + 1, copied, out);
            assertTrue(out.contains("OK, every partition verified"), out);
            assertEquals(List.of(), RunnerProcess.lines(ledger), "the verified run's keys left the ledger");
            assertEquals(DAYS * ROWS + 1_000, src.count(db, "mt"));
            assertEquals(OnlineSyncTestSupport.partitionSums(src, db, "mt"), OnlineSyncTestSupport.partitionSums(dst, db, "mt"),
                    "per partition: rows and column sums");
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);
        });
    }
}
