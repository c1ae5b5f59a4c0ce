package io.ddbsync.sync.online;

import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A cluster with {@code compress=true} receives the runner's appends compressed: the same online
 * sync, once to the target as a plain cluster and once to the same target as a compressed one
 * (each through a proxy that counts the bytes sent to the server), copies equal rows and verifies
 * both times, and the compressed one sends far fewer bytes.
 */
class CompressedTransferTest extends OnlineSyncTestSupport {
    static TcpProxy plain;
    static TcpProxy compressed;

    @BeforeAll
    static void startProxies() throws Exception {
        plain = new TcpProxy(dst.host(), dst.port());
        compressed = new TcpProxy(dst.host(), dst.port());
    }

    @AfterAll
    static void stopProxies() throws Exception {
        plain.close();
        compressed.close();
    }

    @Override
    String targetSites() {
        return "127.0.0.1:" + plain.port();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        cluster(p, "compressedTarget", "127.0.0.1:" + compressed.port(), dst);
        p.put("dolphindb.clusters.compressedTarget.compress", "true");
        return p;
    }

    @Test
    void aCompressedClusterGetsTheSameRowsInFewerBytes() throws Exception {
        String db = createTicks(src, 3, 20_000);
        String plainDb = TestCluster.uniqueDb("plain");
        String compressedDb = TestCluster.uniqueDb("compressed");

        long plainBefore = plain.bytesToServer();
        RunReport toPlain = run(job(db, params("targetDatabase", plainDb)));
        long plainBytes = plain.bytesToServer() - plainBefore;
        long compressedBefore = compressed.bytesToServer();
        RunReport toCompressed = run(job(db, params("targetCluster", "compressedTarget", "targetDatabase", compressedDb)));
        long compressedBytes = compressed.bytesToServer() - compressedBefore;

        assertTrue(toPlain.succeeded(), toPlain::render);
        assertTrue(toCompressed.succeeded(), toCompressed::render);
        assertSameRows(db, plainDb, "mt");
        assertSameRows(db, compressedDb, "mt");
        // delta-of-delta takes the sequential timestamps and ids to a few bits a value, LZ4 the rest less far
        // (42 % of the bytes when this was written)
        assertTrue(compressedBytes < plainBytes / 2,
                "bytes sent to the server: compressed " + compressedBytes + ", plain " + plainBytes);
    }

    @Test
    void everyTypeGoesCompressedAndVerifiesToTheBit() throws Exception {
        // NULLs of every type, BLOB, DECIMAL, array vectors: delta-of-delta for the integral and temporal columns, LZ4 for the rest
        allTypesOnTheSourceOnly(40);
        RunReport report = run(job(io.ddbsync.standin.backup.AllTypesTable.DB, params("table", "pt", "targetCluster", "compressedTarget")));
        assertTrue(report.succeeded(), report::render);
        assertEquals(40, rowTexts(src).size());
        assertEquals(rowTexts(src), rowTexts(dst));
    }

    @Test
    void aCompressSettingThatIsNotABooleanIsNamed() {
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.oddTarget.sites", "127.0.0.1:1");
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.oddTarget.compress", "yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> context.getComponent("dolphindb", io.ddbsync.camel.DolphinDBComponent.class).resolveCluster("oddTarget"));
        assertTrue(e.getMessage().contains("dolphindb.clusters.oddTarget.compress") && e.getMessage().contains("'yes'"), e.getMessage());
    }
}
