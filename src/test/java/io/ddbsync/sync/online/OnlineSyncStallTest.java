package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A link that goes silent in the middle of a block (nothing forwarded either way, the sockets left
 * open: dropped packets, a frozen NAT entry) fails the partition it was carrying within the
 * cluster's readTimeout, with a message naming the cluster, instead of hanging the run for ever;
 * once the link is back, a re-run makes the target equal to the source. The runner reaches both
 * clusters through proxies; the outcome is judged by the test's own per-partition queries.
 */
// in a thread of its own: a call stuck in a socket write is not interrupted, and the test must fail rather than hang
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OnlineSyncStallTest extends OnlineSyncTestSupport {
    /** The runner's readTimeout in these tests: short, so the tests are quick, and still far above a healthy call here. */
    static final long BOUND_MILLIS = 4_000;
    /** How late past the bound a stalled partition may fail on a loaded machine (the watchdog checks every tenth of the bound). */
    static final long MARGIN_MILLIS = 20_000;
    static TcpProxy toSource;
    static TcpProxy toTarget;

    @BeforeAll
    static void startProxies() throws Exception {
        toSource = new TcpProxy(src.host(), src.port());
        toTarget = new TcpProxy(dst.host(), dst.port());
    }

    @AfterAll
    static void stopProxies() throws Exception {
        toSource.close();
        toTarget.close();
    }

    @AfterEach
    void linksBack() {
        toSource.recover();
        toTarget.recover();
    }

    @Override
    String targetSites() {
        return "127.0.0.1:" + toTarget.port();
    }

    @Override
    String sourceSites() {
        return "127.0.0.1:" + toSource.port();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        for (String side : new String[] {"source", "target"}) p.put("dolphindb.clusters." + side + ".readTimeout", String.valueOf(BOUND_MILLIS));
        return p;
    }

    /** Four one-block partitions of 3,000 rows (about 130 kB on the wire each), copied one at a time. */
    private String fourPartitionJob(String db) throws Exception {
        return job(db, params("parallel", "1", "fetchSize", "8192"));
    }

    @Test
    void targetGoesSilentInTheMiddleOfAnAppendedBlock() throws Exception {
        String db = createTicks(src, 4, 3_000);
        String job = fourPartitionJob(db);
        int silencedBefore = toTarget.silencedCount();

        // the second partition's block stops 60 kB in: the runner's write may still fit the socket buffers, its wait for the reply never ends
        RunReport broken = runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri) && "/20240102".equals(exchange.getMessage().getHeader("CamelDolphinDBPartition"))) {
                toTarget.silenceInRequest(60_000);
            }
        });

        assertEquals(silencedBefore + 1, toTarget.silencedCount(), "the link to the target went silent");
        assertStalledPartition(broken, "/20240102", "target");
        toTarget.recover();
        assertRerunRepairs(db, job);
    }

    @Test
    void sourceGoesSilentInTheMiddleOfAStreamedBlock() throws Exception {
        String db = createTicks(src, 4, 3_000);
        String job = fourPartitionJob(db);
        int silencedBefore = toSource.silencedCount();

        // the second partition's block stops 60 kB into the source's reply
        RunReport broken = runWatchingSends(job, (uri, exchange) -> {
            if (uri.startsWith("dolphindb://source") && uri.contains("operation=query")
                    && "/20240102".equals(exchange.getMessage().getHeader("CamelDolphinDBPartition"))) {
                toSource.silenceInReply(60_000);
            }
        });

        assertEquals(silencedBefore + 1, toSource.silencedCount(), "the link to the source went silent");
        assertStalledPartition(broken, "/20240102", "source");
        toSource.recover();
        assertRerunRepairs(db, job);
    }

    @Test
    void aRunPastItsDeadlineStopsItsPartitionsAndARerunRepairs() throws Exception {
        String db = createTicks(src, 4, 3_000);
        String job = job(db, params("parallel", "1", "fetchSize", "8192", "deadline", "4s"));
        // each partition's 130 kB block takes 1.3 s or more to reach the target: the four take more than 5 s, past the
        // deadline (the re-run, unthrottled, has the same 4 s for those left)
        toTarget.throttle(100_000);

        long started = System.nanoTime();
        RunReport late = run(job);
        long millis = (System.nanoTime() - started) / 1_000_000;
        toTarget.throttle(0);

        assertFalse(late.succeeded(), late::render);
        assertTrue(late.error().contains("Job " + job + " passed its deadline of 4s"), late::render);
        assertTrue(millis < 4_000 + MARGIN_MILLIS, () -> "the run ended " + millis + " ms after it started:\n" + late.render());
        assertTrue(late.partitions().stream().anyMatch(p -> !p.verified()), late::render);
        // each partition that stopped says why
        for (String failure : late.error().substring(late.error().indexOf("not verified:")).split("; ")) {
            assertTrue(failure.contains("passed its deadline of 4s"), late::render);
        }
        assertRerunRepairs(db, job);
    }

    @Test
    void aDeadlineThatIsNoDurationStopsTheJobFromStarting() {
        Exception e = assertThrows(Exception.class, () -> job("dfs://any", params("deadline", "soon")));
        assertTrue(messages(e).contains("deadline must be a duration such as 45m, 2h30m or 90s, not 'soon'"), () -> messages(e));
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
        return all.toString();
    }

    /** The partition failed after waiting the bound, not much longer, saying which cluster was silent; the others verified. */
    private static void assertStalledPartition(RunReport broken, String path, String cluster) {
        assertFalse(broken.succeeded(), broken::render);
        RunReport.PartitionResult stalled = partition(broken, path);
        assertEquals("failed", stalled.action(), broken::render);
        assertTrue(stalled.millis() >= BOUND_MILLIS, () -> "failed before the bound:\n" + broken.render());
        assertTrue(stalled.millis() < BOUND_MILLIS + MARGIN_MILLIS, () -> "failed too late:\n" + broken.render());
        assertTrue(broken.error().contains(path), broken::render);
        assertTrue(broken.error().contains("cluster '" + cluster + "'") && broken.error().contains("was silent for 4 s"), broken::render);
        for (RunReport.PartitionResult p : broken.partitions()) {
            if (!p.path().equals(path)) assertTrue(p.verified(), broken::render);
        }
    }

    /** With the link back, the next run ends verified and both clusters hold the same rows, partition by partition. */
    private void assertRerunRepairs(String db, String job) throws Exception {
        RunReport again = run(job);
        assertTrue(again.succeeded(), again::render);
        Map<String, String> source = PartitionFingerprints.of(src, db, "mt");
        assertEquals(4, source.size(), source::toString);
        assertEquals(source, PartitionFingerprints.of(dst, db, "mt"));
    }
}
