package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireConnection;
import com.xxdb.DBConnection;
import com.xxdb.data.BasicInt;
import com.xxdb.data.Entity;
import io.ddbsync.standin.StandInServer;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A server's print messages before a reply ("MSG", the text, a zero byte: DolphinDB's API
 * protocol, sent to a request of type API2, which the Java API makes when given a
 * ProgressListener). The stand-in sends them as DolphinDB does and the official client reads them;
 * the component's own connection skips them, as the official client does, wherever they come.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrintMessagesTest {
    @TempDir
    static Path data;
    static TestCluster node;

    @BeforeAll
    static void start() throws Exception {
        node = TestCluster.start("DDB_TEST", StandInServer.Options.of(data));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void theStandInSendsPrintOutputToAClientThatAskedForIt() throws Exception {
        DBConnection c = node.connect();
        try {
            List<String> messages = new ArrayList<>();
            Entity r = c.run("print('copying'); x = 20; print(x + 1); x * 2", messages::add);
            assertEquals(40, ((BasicInt) r).getInt());
            assertEquals(List.of("copying", "21"), messages);
            // a plain request (type API) gets the reply alone, and the session goes on in step
            assertEquals(3, ((BasicInt) c.run("print('unseen'); 1 + 2")).getInt());
            assertEquals(List.of("copying", "21"), messages);
        } finally {
            c.close();
        }
    }

    @Test
    void aWireConnectionSkipsPrintMessagesBeforeAReply() throws Exception {
        try (ChattyServer server = new ChattyServer()) {
            DolphinDBCluster cluster = new DolphinDBCluster("chatty", "127.0.0.1:" + server.port(), null, null);
            DolphinDBCluster.Site site = cluster.siteList().get(0);
            try (WireConnection c = ConnectionPool.openWire(cluster, site)) {
                Entity r = c.call("version", List.of());
                assertEquals(42, ((BasicInt) r).getInt());
                assertEquals(42, ((BasicInt) c.call("version", List.of())).getInt(), "the connection stayed in step with the replies");
                assertFalse(c.isBroken());
            }
            assertTrue(server.messagesSent() >= 3, "the server sent its messages (handshake and two calls)");
        }
    }

    /**
     * A server that answers every request with two print messages before its reply, byte for byte
     * as the Java API reads them (DBConnection: readLine() == "MSG", then readString()).
     */
    static final class ChattyServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private volatile int messages;

        ChattyServer() throws IOException {
            Thread t = new Thread(this::serve, "chatty-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int messagesSent() {
            return messages;
        }

        private void serve() {
            try (Socket s = server.accept()) {
                clients.add(s);
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    String header = line(in);
                    if (header == null) return;
                    byte[] body = new byte[Integer.parseInt(header.split(" ")[2])];
                    in.readFully(body);
                    String text = new String(body, StandardCharsets.UTF_8);
                    ByteArrayOutputStream reply = new ByteArrayOutputStream();
                    if (text.startsWith("connect")) {
                        reply.writeBytes("7 1 1\nOK\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        for (String m : List.of("working", "almost done")) {
                            reply.writeBytes(("MSG\n" + m).getBytes(StandardCharsets.UTF_8));
                            reply.write(0);
                        }
                        messages++;
                        reply.writeBytes("7 1 1\nOK\n".getBytes(StandardCharsets.US_ASCII));
                        // isNodeInitialized: a BOOL scalar true; anything else: the INT scalar 42 (type, form, value; little-endian)
                        if (text.contains("isNodeInitialized")) reply.writeBytes(new byte[] {1, 0, 1});
                        else reply.writeBytes(new byte[] {4, 0, 42, 0, 0, 0});
                    }
                    out.write(reply.toByteArray());
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) return null;
                b.append((char) c);
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : clients) s.close();
        }
    }
}
