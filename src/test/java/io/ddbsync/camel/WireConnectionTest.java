package io.ddbsync.camel;

import io.ddbsync.camel.wire.ServerErrors;
import io.ddbsync.camel.wire.WireConnection;
import io.ddbsync.camel.wire.WireTable;
import com.xxdb.DBConnection;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import io.ddbsync.sync.online.TcpProxy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The connection that reads blocks in wire form speaks the protocol as the official Java API does:
 * recorded on the link, its streaming call is the API's request byte for byte, and the server's
 * reply is the same bytes; what it reads decodes to the API's values.
 */
class WireConnectionTest extends DolphinDBTestSupport {
    private static final String QUERY = "def(dbUrl, tb) { return select * from loadTable(dbUrl, tb) }";

    /** A wire connection to 127.0.0.1:port with a cluster's default timeouts. */
    private WireConnection open(int port, String password) throws java.io.IOException {
        return ConnectionPool.openWire(new DolphinDBCluster("src", "127.0.0.1:" + port, src.user(), password),
                new DolphinDBCluster.Site("127.0.0.1", port));
    }

    @Test
    void theStreamingCallIsTheApisRequestByteForByteAndReadsTheSameBlocks() throws Exception {
        String db = createBigTable(20000);
        List<Entity> args = List.of(new BasicString(db), new BasicString("big"));
        try (TcpProxy link = new TcpProxy(src.host(), src.port())) {
            link.record();
            List<BasicTable> api = new ArrayList<>();
            DBConnection c = new DBConnection();
            c.connect("127.0.0.1", link.port(), src.user(), src.password());
            EntityBlockReader reader = (EntityBlockReader) c.run(QUERY, args, 4, 64, 8192);
            while (reader.hasNext()) api.add((BasicTable) reader.read());
            c.close();

            List<WireTable> wire = new ArrayList<>();
            try (WireConnection w = open(link.port(), src.password())) {
                WireConnection.Blocks blocks = w.stream(QUERY, args, 8192);
                while (blocks.hasNext()) wire.add(blocks.next());
                assertFalse(w.isBroken());
            }

            List<byte[]> recorded = link.recorded();
            assertEquals(4, recorded.size(), "two connections, both ways");
            byte[] apiSent = recorded.get(0), apiReceived = recorded.get(1), wireSent = recorded.get(2), wireReceived = recorded.get(3);
            // the connect request, then the streaming call, the same but for the session id the server gave each connection
            assertEquals("API 0 8 / 0_1_4_2\nconnect\n", new String(apiSent, 0, 26, StandardCharsets.UTF_8));
            assertEquals(new String(apiSent, 0, 26, StandardCharsets.UTF_8), new String(wireSent, 0, 26, StandardCharsets.UTF_8));
            byte[] apiCall = lastRequest(apiSent), wireCall = lastRequest(wireSent);
            assertTrue(new String(apiCall, StandardCharsets.UTF_8).contains(" / 0_1_4_64__8192\nfunction\n" + QUERY + "\n2\n1"));
            assertArrayEquals(withoutSession(apiCall), withoutSession(wireCall));
            // and the server sent both the same blocks, byte for byte, after the reply's header line
            assertArrayEquals(lastReply(apiReceived, apiCall.length), lastReply(wireReceived, wireCall.length));

            assertEquals(api.size(), wire.size());
            assertEquals(3, wire.size());
            for (int b = 0; b < api.size(); b++) {
                BasicTable decoded = wire.get(b).toBasicTable();
                assertEquals(api.get(b).rows(), decoded.rows());
                for (int col = 0; col < decoded.columns(); col++) {
                    assertEquals(api.get(b).getColumn(col).getString(), decoded.getColumn(col).getString(), "block " + b + " column " + col);
                }
            }
        }
    }

    /** The last request on a recorded client-to-server stream: from its last "API " header on. */
    private static byte[] lastRequest(byte[] sent) {
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        return java.util.Arrays.copyOfRange(sent, text.lastIndexOf("API "), sent.length);
    }

    /** "API <session> rest": the session id left out. */
    private static byte[] withoutSession(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int second = text.indexOf(' ', 4);
        return ("API" + text.substring(second)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The reply to the last request, after its header line (which holds the session id). */
    private static byte[] lastReply(byte[] received, int ignored) {
        // the blocks reply is by far the largest and the last one: from the last "OK\n" before the blocks' ANY-vector header on
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int ok = text.lastIndexOf("\nOK\n" + (char) 0x19 + (char) 0x01);
        assertTrue(ok > 0, "a streamed reply");
        return java.util.Arrays.copyOfRange(received, ok, received.length);
    }

    @Test
    void aServerErrorReadsAsTheApiWordsItAndTheConnectionGoesOn() throws Exception {
        try (WireConnection w = open(src.port(), src.password())) {
            IOException e = assertThrows(IOException.class, () -> w.stream(QUERY, List.of(new BasicString("dfs://no_such_db"), new BasicString("t")), 8192));
            assertTrue(ServerErrors.isServerReply(e), e.getMessage());
            assertTrue(e.getMessage().startsWith("127.0.0.1:" + src.port() + " Server response: "), e.getMessage());
            assertFalse(w.isBroken());
            assertNotNull(w.call("version", List.of()).getString());
        }
    }

    @Test
    void aConnectionWithBlocksLeftServesNothingElseAndIsNotReused() throws Exception {
        String db = createBigTable(20000);
        try (WireConnection w = open(src.port(), src.password())) {
            WireConnection.Blocks blocks = w.stream(QUERY, List.of(new BasicString(db), new BasicString("big")), 8192);
            blocks.next();
            assertTrue(w.isBroken(), "two blocks are still on the socket");
            assertThrows(IllegalStateException.class, () -> w.call("version", List.of()));
            while (blocks.hasNext()) blocks.next();
            assertFalse(w.isBroken(), "every block read: in step again");
            assertNotNull(w.call("version", List.of()).getString());
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheServerAndNeverShown() {
        IOException e = assertThrows(IOException.class,
                () -> open(src.port(), "not-" + SECRET));
        assertTrue(e.getMessage().contains("function: login"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aPoolLendsWireConnectionsUnderItsPoolSizeAndKeepsThemForReuse() throws Exception {
        ConnectionPool pool = pool("src");
        int opened = pool.openedCount();
        WireLease a = pool.borrowWire();
        WireLease b = pool.borrowWire();
        WireLease c = pool.borrowWire();
        assertEquals(0, pool.availablePermits(), "poolSize 3 counts them");
        a.close();
        b.close();
        c.close();
        assertEquals(3, pool.availablePermits());
        try (WireLease again = pool.borrowWire()) {
            assertTrue(again.callStreaming(QUERY, List.of(new BasicString(createBigTable(10)), new BasicString("big")), 8192).hasNext());
            again.markBroken();
        }
        assertEquals(opened + 3, pool.openedCount(), "the idle ones were reused");
    }

    @Test
    void wireConnectionsSurviveAServerRestart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(src.isStandIn(), "restarts the server");
        String db = createBigTable(100);
        List<Entity> args = List.of(new BasicString(db), new BasicString("big"));
        try (WireLease lease = pool("src").borrowWire()) {
            WireConnection.Blocks blocks = lease.callStreaming(QUERY, args, 8192);
            while (blocks.hasNext()) blocks.next();
        }
        assertEquals(1, pool("src").idleWireCount());
        src = src.restart();
        // the idle connection's socket is dead: the pool notices before lending it (version(), validateAfterIdle) and opens a new one
        int rows = 0;
        try (WireLease lease = pool("src").borrowWire()) {
            WireConnection.Blocks blocks = lease.callStreaming(QUERY, args, 8192);
            while (blocks.hasNext()) rows += blocks.next().rows();
        }
        assertEquals(100, rows);
        assertEquals(0, pool("src").borrowedCount());
    }
}
