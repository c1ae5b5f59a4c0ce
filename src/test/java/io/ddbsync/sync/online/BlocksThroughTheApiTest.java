package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The way out on real servers: with {@code blocks: api} every block is read and written through the
 * DolphinDB Java API, whatever the columns and clusters would allow, and the target still ends
 * equal to the source, judged by the test's own per-partition queries. The runner reaches the
 * target through a recording proxy, so the test sees the rows cross that link.
 */
class BlocksThroughTheApiTest extends OnlineSyncTestSupport {
    static TcpProxy toTarget;

    @BeforeAll
    static void startProxy() throws Exception {
        toTarget = new TcpProxy(dst.host(), dst.port());
    }

    @AfterAll
    static void stopProxy() throws Exception {
        toTarget.close();
    }

    @Override
    String targetSites() {
        return "127.0.0.1:" + toTarget.port();
    }

    @Test
    void aJobWithBlocksApiCopiesThroughTheApiAndVerifies() throws Exception {
        String db = createTicks(src, 3, 5_000);
        toTarget.record();

        RunReport report = run(job(db, params("blocks", "api")));

        assertTrue(report.succeeded(), report::render);
        assertTrue(report.render().contains("source decoded by the Java API, read-back decoded by the Java API (blocks=api)"), report::render);
        Map<String, String> source = PartitionFingerprints.of(src, db, "mt");
        assertEquals(3, source.size(), source::toString);
        assertEquals(source, PartitionFingerprints.of(dst, db, "mt"));
        // the rows went to the target over this link: the last row's note is in what the runner sent
        String sent = toTarget.recorded().stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).reduce("", String::concat);
        assertTrue(sent.contains("n14999\0"), "the last row's note crossed the link");
    }

    @Test
    void theSameJobWithBlocksAutoForwardsThemInWireForm() throws Exception {
        String db = createTicks(src, 1, 5_000);
        RunReport report = run(job(db, params()));
        assertTrue(report.succeeded(), report::render);
        assertTrue(report.render().contains("read in wire form and forwarded as they came"), report::render);
        assertEquals(PartitionFingerprints.of(src, db, "mt"), PartitionFingerprints.of(dst, db, "mt"));
    }

    @Test
    void anUnknownBlocksSettingStopsTheJobFromStarting() {
        Exception e = assertThrows(Exception.class, () -> job("dfs://any", params("blocks", "wire")));
        assertTrue(OnlineSyncStallTest.messages(e).contains("blocks must be 'auto' or 'api', not 'wire'"), () -> OnlineSyncStallTest.messages(e));
    }
}
