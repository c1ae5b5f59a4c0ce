package io.ddbsync.sync.online;

import io.ddbsync.standin.StandInServer;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A cluster with {@code ssl=true} is reached over TLS (a stand-in with DolphinDB's
 * {@code enableHTTPS=true} speaks nothing else): the online sync copies and verifies as over a
 * plain connection, and what crosses the link shows none of the names, scripts and values a plain
 * connection shows, both recorded by a proxy on the way. TLS on one end only fails at once, with an
 * error that names the cluster and the setting to check.
 */
class EncryptedConnectionTest extends OnlineSyncTestSupport {
    static Path tlsDir;
    static TestCluster tlsTarget;
    /** Between the runner and the plain target, and between the runner and the TLS target. */
    static TcpProxy plainLink;
    static TcpProxy tlsLink;

    @BeforeAll
    static void startTlsTarget() throws Exception {
        tlsDir = Files.createTempDirectory("standin-tls-");
        tlsTarget = TestCluster.start("DDB_TEST_TLS", StandInServer.Options.of(tlsDir).withConfig("enableHTTPS", "true"));
        plainLink = new TcpProxy(dst.host(), dst.port());
        tlsLink = new TcpProxy(tlsTarget.host(), tlsTarget.port());
    }

    @AfterAll
    static void stopTlsTarget() throws Exception {
        plainLink.close();
        tlsLink.close();
        tlsTarget.close();
        Storage.deleteTree(tlsDir);
    }

    @Override
    String targetSites() {
        return "127.0.0.1:" + plainLink.port();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        tlsCluster(p, "encryptedTarget", tlsLink.port(), "true");
        // TLS on one end only, both ways round
        tlsCluster(p, "plainClientOnTls", tlsTarget.port(), "false");
        tlsCluster(p, "tlsClientOnPlain", dst.port(), "true");
        return p;
    }

    private static void tlsCluster(Properties p, String name, int port, String ssl) {
        cluster(p, name, "127.0.0.1:" + port, dst);
        p.put("dolphindb.clusters." + name + ".ssl", ssl);
    }

    @Test
    void aSyncOverTlsVerifiesAndShowsNothingOnTheLink() throws Exception {
        String db = createTicks(src, 2, 5_000);
        String plainDb = TestCluster.uniqueDb("plainlink");
        String tlsDb = TestCluster.uniqueDb("tlslink");
        plainLink.record();
        tlsLink.record();

        RunReport plain = run(job(db, params("targetDatabase", plainDb)));
        RunReport encrypted = run(job(db, params("targetCluster", "encryptedTarget", "targetDatabase", tlsDb)));

        assertTrue(plain.succeeded(), plain::render);
        assertTrue(encrypted.succeeded(), encrypted::render);
        assertEquals(2, encrypted.partitions().size(), encrypted::render);
        // the plain run forwards blocks as they came; with a TLS target both sides go through the API (the source's blocks would be decoded to be appended)
        assertTrue(plain.render().contains("blocks:") && plain.render().contains("read in wire form and forwarded as they came"), plain::render);
        assertTrue(encrypted.render().contains("source decoded by the Java API, read-back decoded by the Java API (target over TLS)"), encrypted::render);
        assertSameRows(src, db, tlsTarget, tlsDb, "mt", "*", null);
        // what an eavesdropper on each link reads: the plain one shows the target database, the
        // scripts run on it and the symbols written to it; the TLS one shows none of these
        for (String text : List.of(plainDb, "loadTable", "MSFT")) {
            assertTrue(seenOn(plainLink, text), "the plain link should show " + text);
        }
        for (String text : List.of(tlsDb, "loadTable", "MSFT")) {
            assertFalse(seenOn(tlsLink, text), "the TLS link shows " + text);
        }
        List<byte[]> tls = tlsLink.recorded();
        assertFalse(tls.isEmpty(), "nothing went over the TLS link");
        for (int i = 0; i < tls.size(); i += 2) {
            byte[] toServer = tls.get(i);
            // every connection opens with a TLS handshake record (content type 22, version 3.x)
            if (toServer.length > 0) assertTrue(toServer[0] == 0x16 && toServer[1] == 0x03, "a connection did not start with a TLS hello");
        }
    }

    @Test
    void tlsOnOneEndOnlyFailsNamingTheClusterAndTheSetting() throws Exception {
        String db = createTicks(src, 1, 100);

        RunReport plainClient = run(job(db, params("targetCluster", "plainClientOnTls")));
        RunReport tlsClient = run(job(db, params("targetCluster", "tlsClientOnPlain")));

        assertFalse(plainClient.succeeded());
        assertTrue(plainClient.error().contains("'plainClientOnTls'") && plainClient.error().contains("set ssl=true"), plainClient.error());
        assertFalse(tlsClient.succeeded());
        assertTrue(tlsClient.error().contains("'tlsClientOnPlain'") && tlsClient.error().contains("enableHTTPS=true"), tlsClient.error());
        // nothing was written anywhere
        assertFalse(exists(dst, db));
        assertFalse(exists(tlsTarget, db));
    }

    @Test
    void anSslSettingThatIsNotABooleanIsNamed() {
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.oddTarget.sites", "127.0.0.1:1");
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.oddTarget.ssl", "on");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> context.getComponent("dolphindb", io.ddbsync.camel.DolphinDBComponent.class).resolveCluster("oddTarget"));
        assertTrue(e.getMessage().contains("dolphindb.clusters.oddTarget.ssl") && e.getMessage().contains("'on'"), e.getMessage());
    }

    /** Whether the text passed, in UTF-8, in either direction of any recorded connection. */
    private static boolean seenOn(TcpProxy link, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return link.recorded().stream().anyMatch(bytes -> indexOf(bytes, needle) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
