package io.ddbsync.sync.online;

import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run broken in the middle of a block, by the network or by a server restart, on the target's side
 * or the source's, fails only the partitions it broke; the next run redoes exactly those (the ledger
 * skips the others) and the target ends equal to the source with no duplicated row. The runner
 * reaches both clusters through proxies. (A link that goes silent instead: {@link OnlineSyncStallTest};
 * a runner killed with -9: {@link OnlineSyncRunnerKilledTest}.)
 */
class OnlineSyncFailuresTest extends ProxiedTargetTestSupport {

    /** Four one-block partitions of 3,000 rows (about 130 kB on the wire each), copied one at a time. */
    private String fourPartitionJob(String db) throws Exception {
        return job(db, params("parallel", "1", "fetchSize", "8192", "ledger", "observedLedger"));
    }

    /**
     * Runs the job and arms the proxy as partition /20240102 starts: one partition copies at a time,
     * so the next large request is that partition's block (the first partition's read-back, beside
     * it, sends only a small query).
     */
    private RunReport runArmingAtSecondPartition(String job, Runnable arm) throws Exception {
        return runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri) && "/20240102".equals(exchange.getMessage().getHeader("CamelDolphinDBPartition"))) arm.run();
        });
    }

    @Test
    void targetConnectionDroppedInTheMiddleOfABlock() throws Exception {
        // drop the target connection 60 kB into the second partition's block, as it is appended
        connectionDroppedInTheMiddleOfABlock(proxy, () -> proxy.cutInRequest(60_000, 1_000));
    }

    @Test
    void sourceConnectionDroppedInTheMiddleOfABlock() throws Exception {
        // drop the source connection 60 kB into the second partition's block, as the runner reads it
        connectionDroppedInTheMiddleOfABlock(sourceProxy, () -> sourceProxy.cutInReply(60_000, 1_000));
    }

    /** {@code arm} cuts a connection through {@code link} and keeps its cluster unreachable for a second. */
    private void connectionDroppedInTheMiddleOfABlock(TcpProxy link, Runnable arm) throws Exception {
        String db = createTicks(src, 4, 3_000);
        String job = fourPartitionJob(db);
        long cutsBefore = link.cuts();

        RunReport broken = runArmingAtSecondPartition(job, arm);
        assertEquals(cutsBefore + 1, link.cuts(), "the proxy cut a connection");
        assertFalse(broken.succeeded(), () -> link.lastFiring() + "\n" + broken.render());
        assertEquals("failed", partition(broken, "/20240102").action(), broken::render);
        assertTrue(broken.error().contains("/20240102"), broken::render);

        // partitions the outage reached failed too (the first one's read-back, beside the cut, may be one); all others
        // verified. The next run starts after the outage
        link.awaitOutageEnd();
        assertResumedToEquality(db, job, failedIn(broken));
    }

    private static String[] failedIn(RunReport report) {
        List<String> failed = report.partitions().stream().filter(p -> p.action().equals("failed")).map(RunReport.PartitionResult::path).toList();
        for (RunReport.PartitionResult p : report.partitions()) {
            assertTrue(p.verified() || failed.contains(p.path()), report::render);
            if (failed.contains(p.path())) assertTrue(report.error().contains(p.path()), report::render);
        }
        return failed.toArray(new String[0]);
    }

    @Test
    void targetServerRestartedDuringTheRun() throws Exception {
        // a run the restart did not break proves nothing about resuming: it is tried again on new data, a few times at most
        for (int attempt = 1; !restartDuringRun(false); attempt++) {
            if (attempt == 3) fail("in 3 runs, restarting the target server never broke a run");
        }
    }

    @Test
    void sourceServerRestartedDuringTheRun() throws Exception {
        for (int attempt = 1; !restartDuringRun(true); attempt++) {
            if (attempt == 3) fail("in 3 runs, restarting the source server never broke a run");
        }
    }

    /** One attempt; false when the restart missed the run (the trigger never went off, or the run still verified). */
    private boolean restartDuringRun(boolean source) throws Exception {
        String db = createTicks(src, 4, 3_000);
        String job = fourPartitionJob(db);
        CompletableFuture<TestCluster> restarted = new CompletableFuture<>();
        TestCluster restarting = source ? src : dst;
        TcpProxy link = source ? sourceProxy : proxy;
        // stop the server 60 kB into the second partition's block, while it is on the wire (the target's as it is appended,
        // the source's as it is read), and start it again a second later (a call the API could not finish writing is sent
        // again on a new connection, so a server that came back at once would hide the failure)
        Runnable restart = () -> {
            try {
                restarting.server().close();
                Thread.sleep(1_000);
                restarted.complete(restarting.restart());
            } catch (Throwable e) {
                restarted.completeExceptionally(e);
            }
        };
        Runnable arm = source ? () -> sourceProxy.actInReply(60_000, restart) : () -> proxy.actInRequest(60_000, restart);

        long started = System.nanoTime();
        RunReport broken = runArmingAtSecondPartition(job, arm);
        long ended = System.nanoTime();
        if (link.disarm()) return false;
        // the run goes on while the server restarts; the next run starts once it is back
        if (source) src = restarted.get(30, TimeUnit.SECONDS);
        else dst = restarted.get(30, TimeUnit.SECONDS);
        long fired = link.firedAtNanos();
        if (broken.succeeded()) {
            // the restart did not break the run (rarely seen, once in CI: the run ended verified although the trigger went
            // off): the target must still equal the source, and the attempt proves nothing about resuming, so another follows
            System.out.printf("restart attempt did not break the run (trigger %s, %.3f s after the run started, which took %.3f s)%n%s%n",
                    link.lastFiring(), (fired - started) / 1e9, (ended - started) / 1e9, broken.render());
            assertEquals(12_000, dst.count(db, "mt"));
            assertSameRows(db, db, "mt");
            return false;
        }
        assertEquals("failed", partition(broken, "/20240102").action(), broken::render);
        assertResumedToEquality(db, job, failedIn(broken));
        return true;
    }

    /** The next run copies exactly the partitions that failed, skips the verified ones, and ends equal with an empty ledger. */
    private void assertResumedToEquality(String db, String job, String... failed) throws Exception {
        RunReport resumed = run(job);
        assertTrue(resumed.succeeded(), resumed::render);
        List<String> redone = List.of(failed);
        for (RunReport.PartitionResult p : resumed.partitions()) {
            if (redone.contains(p.path())) {
                assertTrue(p.verified(), resumed::render);
                assertTrue(p.action().equals("created") || p.action().equals("overwritten"), resumed::render);
            } else {
                assertEquals(RunReport.RESUMED, p.action(), resumed::render);
            }
        }
        assertEquals(4, resumed.partitions().size(), resumed::render);
        assertEquals(12_000, dst.count(db, "mt"));
        assertSameRows(db, db, "mt");
        assertEquals(PartitionFingerprints.of(src, db, "mt"), PartitionFingerprints.of(dst, db, "mt"));
        // the run verified: its keys left the ledger
        assertTrue(ledger.getCache().keySet().stream().noneMatch(key -> key.startsWith(resumed.job() + "|")), () -> ledger.getCache().toString());
    }
}
