package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireTable;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.BasicTimestampVector;
import io.ddbsync.standin.StandInServer;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.online.TcpProxy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A block appended into a link that goes silent: the runner's write fills the socket buffers and
 * blocks, which a read timeout cannot end. The stall watchdog does, within the cluster's
 * readTimeout, over the API's connections and over the component's own, and nothing reaches the
 * table. A slow link that keeps moving is not cut, however long the block takes.
 */
// in a thread of its own: a call stuck in a socket write is not interrupted, and the test must fail rather than hang
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LinkStallTest extends DolphinDBTestSupport {
    static final long BOUND_MILLIS = 3_000;
    /** How late past the bound a stalled call may fail on a loaded machine. */
    static final long MARGIN_MILLIS = 20_000;
    /** Far more than loopback socket buffers hold on both sides of the proxy (a few MB each). */
    static final int BIG_ROWS = 2_000_000;
    static final long SLOW_BOUND_MILLIS = 8_000;
    static TcpProxy link;
    /** A node that speaks TLS only (enableHTTPS=true), and a link to it. */
    @TempDir
    static Path tlsData;
    static TestCluster tlsNode;
    static TcpProxy tlsLink;

    @BeforeAll
    static void startProxy() throws Exception {
        link = new TcpProxy(src.host(), src.port());
        tlsNode = TestCluster.start("DDB_TEST_TLS", StandInServer.Options.of(tlsData).withUser("admin", SECRET).withConfig("enableHTTPS", "true"));
        tlsLink = new TcpProxy(tlsNode.host(), tlsNode.port());
    }

    @AfterAll
    static void stopProxy() throws Exception {
        link.close();
        tlsLink.close();
        if (tlsNode != null) tlsNode.close();
    }

    @AfterEach
    void linkBack() {
        link.recover();
        link.throttle(0);
        tlsLink.recover();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.put("dolphindb.clusters.viaLink.sites", "127.0.0.1:" + link.port());
        p.put("dolphindb.clusters.viaLink.user", src.user());
        p.put("dolphindb.clusters.viaLink.password", src.password());
        p.put("dolphindb.clusters.viaLink.validateAfterIdle", "0");
        p.put("dolphindb.clusters.viaLink.readTimeout", String.valueOf(BOUND_MILLIS));
        // the same link with a bound longer than the time it needs to carry what the runner's socket buffer holds (4 MB here)
        p.put("dolphindb.clusters.slowLink.sites", "127.0.0.1:" + link.port());
        p.put("dolphindb.clusters.slowLink.user", src.user());
        p.put("dolphindb.clusters.slowLink.password", src.password());
        p.put("dolphindb.clusters.slowLink.readTimeout", String.valueOf(SLOW_BOUND_MILLIS));
        p.put("dolphindb.clusters.tlsLink.sites", "127.0.0.1:" + tlsLink.port());
        p.put("dolphindb.clusters.tlsLink.user", tlsNode.user());
        p.put("dolphindb.clusters.tlsLink.password", tlsNode.password());
        p.put("dolphindb.clusters.tlsLink.ssl", "true");
        p.put("dolphindb.clusters.tlsLink.readTimeout", String.valueOf(BOUND_MILLIS));
        return p;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // one route per cluster, named after it
                for (String cluster : List.of("viaLink", "slowLink", "tlsLink")) {
                    from("direct:" + cluster).to("dolphindb:" + cluster + "?operation=append&table=mt");
                }
            }
        };
    }

    /** Appends the body to database db's table mt on the cluster. */
    private Exchange append(String cluster, String db, Object body) {
        return template.request("direct:" + cluster, e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setBody(body);
        });
    }

    /** {@code rows} rows of the trades table, all on 2024.01.02 (24 bytes a row on the wire). */
    private static BasicTable trades(int rows) {
        long[] ts = new long[rows];
        int[] qty = new int[rows];
        double[] price = new double[rows];
        for (int i = 0; i < rows; i++) {
            ts[i] = 1704189600000L + i;
            qty[i] = i;
            price[i] = i * 0.5;
        }
        return new BasicTable(List.of("Timestamp", "sym", "qty", "price"), List.of(new BasicTimestampVector(ts),
                new BasicSymbolVector(Collections.nCopies(rows, "IBM")), new BasicIntVector(qty), new BasicDoubleVector(price)));
    }

    @Test
    void anAppendThroughTheApiIntoASilentLinkFailsWithinTheBound() throws Exception {
        assertStalledAppend(trades(BIG_ROWS), "sending a request or waiting for its reply");
    }

    @Test
    void anAppendInWireFormIntoASilentLinkFailsWithinTheBound() throws Exception {
        WireTable block = WireTable.read(new java.io.ByteArrayInputStream(WireTableTestSupport.written(trades(BIG_ROWS))));
        // the component's own connection sees its bytes: the stall is in the write itself
        assertStalledAppend(block, "sending a request");
    }

    @Test
    void anAppendOverTlsIntoASilentLinkFailsWithinTheBound() throws Exception {
        // a TLS socket's close waits for the stuck write's lock unless it is reset: the watchdog resets it
        assertStalledAppend(tlsNode, tlsLink, "tlsLink", trades(BIG_ROWS), "sending a request or waiting for its reply");
    }

    private void assertStalledAppend(Object block, String doing) throws Exception {
        assertStalledAppend(src, link, "viaLink", block, doing);
    }

    private void assertStalledAppend(TestCluster node, TcpProxy through, String cluster, Object block, String doing) throws Exception {
        String db = createTradesTable(node, 1);
        int silencedBefore = through.silencedCount();
        through.silenceInRequest(1_000_000);

        long started = System.nanoTime();
        Exchange out = append(cluster, db, block);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(silencedBefore + 1, through.silencedCount(), "the link went silent");
        Exception e = out.getException();
        assertNotNull(e, "the append into a silent link ended without an error");
        assertTrue(millis >= BOUND_MILLIS && millis < BOUND_MILLIS + MARGIN_MILLIS, "failed after " + millis + " ms: " + e);
        assertTrue(e.getMessage().contains("cluster '" + cluster + "'") && e.getMessage().contains("was silent for 3 s while " + doing), e.getMessage());
        assertTrue(e.getMessage().contains("operation append") && e.getMessage().contains(db), e.getMessage());
        through.recover();
        // the server never had the whole block: nothing of it was written
        assertEquals(10L, node.count(db, "mt"));
    }

    @Test
    void aSlowLinkThatKeepsMovingIsNotCut() throws Exception {
        String db = createTradesTable(src, 1);
        // about 14 MB at 1.5 MB/s: some 10 s in all, longer than the bound, with bytes moving all along; the last
        // 4 MB, in the runner's socket buffer, reach the server within 3 s of the runner's last write
        WireTable block = WireTable.read(new java.io.ByteArrayInputStream(WireTableTestSupport.written(trades(600_000))));
        link.throttle(1_500_000);

        long started = System.nanoTime();
        Exchange out = append("slowLink", db, block);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertNull(out.getException());
        assertTrue(millis > SLOW_BOUND_MILLIS, "the append took " + millis + " ms, not longer than the bound: it proves nothing");
        assertEquals(600_010L, src.count(db, "mt"));
    }
}
