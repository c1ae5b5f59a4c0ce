package io.ddbsync.standin;

import com.xxdb.RSAUtils;
import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicBoolean;
import com.xxdb.data.BasicEntityFactory;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicString;
import com.xxdb.data.Entity;
import com.xxdb.io.LittleEndianDataInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The stand-in's replies read byte by byte the way the strictest official reader, the C++ core
 * (api-cplusplus and python-sdk {@code DolphinDBImp}), reads them: a header of exactly three
 * tokens, "OK" or an error line, and an object exactly when the count says 1; and the same
 * protocol over WebSocket, through the JDK's own WebSocket client. The Java API forgives what
 * these check (it ignores the connect reply's count and second line).
 */
class StrictClientProtocolTest extends OneClusterTest {
    private static final int TIMEOUT_MS = 30_000;

    /** One reply as the C++ core reads it. */
    private record Reply(String session, int count, String status, Entity object) {
    }

    /** A raw client on a socket: writes requests, reads replies strictly. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final LittleEndianDataInputStream in;
        final OutputStream out;
        String session = "0";

        RawClient() throws IOException {
            socket = new Socket(cluster.host(), cluster.port());
            socket.setSoTimeout(TIMEOUT_MS);
            in = new LittleEndianDataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Reply request(String flags, String body) throws IOException {
            out.write(requestBytes(session, flags, body));
            out.flush();
            Reply r = readReply(in);
            session = r.session;
            return r;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static byte[] requestBytes(String session, String flags, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("API2 " + session + " " + b.length + " / " + flags + "\n").getBytes(StandardCharsets.UTF_8));
        request.writeBytes(b);
        return request.toByteArray();
    }

    static Reply readReply(LittleEndianDataInputStream in) throws IOException {
        String header = in.readLine();
        String[] tokens = header.split(" ");
        assertEquals(3, tokens.length, "a reply header of three tokens: '" + header + "'");
        assertEquals("1", tokens[2], "little-endian");
        int count = Integer.parseInt(tokens[1]);
        String status = in.readLine();
        Entity object = null;
        if (status.equals("OK") && count == 1) {
            short flag = in.readShort();
            int type = flag & 0xff;
            boolean extended = type >= 128;
            object = BasicEntityFactory.instance().createEntity(Entity.DATA_FORM.values()[flag >> 8],
                    Entity.DATA_TYPE.valueOf(extended ? type - 128 : type), in, extended);
        }
        return new Reply(tokens[0], count, status, object);
    }

    private static String sessionUser(RawClient c) throws IOException {
        Reply r = c.request("32_1_4_64", "script\ngetCurrentSessionAndUser()");
        assertEquals("OK", r.status);
        return ((BasicAnyVector) r.object).getEntity(1).getString();
    }

    @Test
    void aPlainConnectIsAnsweredWithNoObject() throws Exception {
        try (RawClient c = new RawClient()) {
            Reply connect = c.request("32_1_4_2", "connect\n");
            assertEquals("OK", connect.status);
            assertEquals(0, connect.count, "a plain connect announces no object");
            assertFalse(connect.session.isEmpty());
            // had an object followed, this request's reply header would be read from its bytes
            Reply sum = c.request("32_1_4_64", "script\n1+1");
            assertEquals(connect.session, sum.session);
            assertEquals(2, ((BasicInt) sum.object).getInt());
            assertEquals("guest", sessionUser(c));
        }
    }

    /** Connects with {@code body}, which carries a login, and checks the reply and the session's user. */
    private static void assertLoggedInByConnect(String flags, String body) throws IOException {
        try (RawClient c = new RawClient()) {
            Reply connect = c.request(flags, body);
            assertEquals("OK", connect.status);
            assertEquals(1, connect.count);
            assertTrue(((BasicBoolean) connect.object).getBoolean());
            assertEquals(cluster.user(), sessionUser(c));
        }
    }

    @Test
    void aLoginCarriedByConnectIsCheckedAndAnsweredWithTrue() throws Exception {
        // the C++ core's form, and the JavaScript API's (no fourth field)
        assertLoggedInByConnect("32_1_4_2", "connect\nlogin\n" + cluster.user() + "\n" + cluster.password() + "\nfalse");
        assertLoggedInByConnect("0_1_4_64", "connect\nlogin\n" + cluster.user() + "\n" + cluster.password());
    }

    @Test
    void anEncryptedLoginCarriedByConnect() throws Exception {
        String pem = ((BasicString) cluster.run("getDynamicPublicKey()")).getString();
        PublicKey key = RSAUtils.getPublicKey(pem);
        // one line each: the connect body separates its fields with line feeds
        Base64.Encoder base64 = Base64.getEncoder();
        String user = base64.encodeToString(RSAUtils.encryptByPublicKey(cluster.user().getBytes(StandardCharsets.UTF_8), key));
        String password = base64.encodeToString(RSAUtils.encryptByPublicKey(cluster.password().getBytes(StandardCharsets.UTF_8), key));
        assertLoggedInByConnect("32_1_4_2", "connect\nlogin\n" + user + "\n" + password + "\ntrue");
    }

    @Test
    void aWrongPasswordCarriedByConnectIsRefusedWithDolphinDbsText() throws Exception {
        try (RawClient c = new RawClient()) {
            Reply connect = c.request("32_1_4_2", "connect\nlogin\n" + cluster.user() + "\nwrong-" + cluster.password() + "\nfalse");
            assertEquals("The user name or password is incorrect.", connect.status);
            assertEquals(0, connect.count);
            assertNull(connect.object);
            // nothing was logged in
            assertEquals("guest", sessionUser(c));
        }
    }

    @Test
    void flagsAskingForAnotherFormatOrLanguageAreRefusedByName() throws Exception {
        try (RawClient c = new RawClient()) {
            // the Python API's connect carries flag 8 too; the connect itself is served
            assertEquals("OK", c.request("40_1_4_2", "connect\n").status);
            Reply pickle = c.request("40_1_4_64", "script\nx = 1; 1+1");
            assertTrue(pickle.status.contains("pickle") && pickle.status.contains("flag 8"), pickle.status);
            Reply arrow = c.request("32800_1_4_64", "function\nadd\n0\n1");
            assertTrue(arrow.status.contains("Arrow") && arrow.status.contains("32768"), arrow.status);
            Reply python = c.request("2080_1_4_64", "script\nx = 1");
            assertTrue(python.status.contains("Python syntax") && python.status.contains("2048"), python.status);
            Reply mysql = c.request((32 + (2 << 19)) + "_1_4_64", "script\nx = 1");
            assertTrue(mysql.status.contains("SQL dialect 2") && mysql.status.contains(String.valueOf(2 << 19)), mysql.status);
            // refused before it ran: x was not assigned; and the connection goes on
            assertTrue(c.request("32_1_4_64", "script\nx").status.contains("Cannot recognize the token x"));
            assertEquals(2, ((BasicInt) c.request("32_1_4_64", "script\n1+1").object).getInt());
        }
    }

    @Test
    void throwReportsTheStatementAndTheMessageAndIsCaught() throws Exception {
        try (RawClient c = new RawClient()) {
            c.request("32_1_4_2", "connect\n");
            assertEquals("throw \"it is odd\" => it is odd", c.request("32_1_4_64", "script\nif (1 % 2 == 1) throw 'it is odd'").status);
            Reply caught = c.request("32_1_4_64", "script\ntry { throw \"caught\" } catch (ex) { r = ex }\nr");
            assertEquals("caught", caught.object.getString());
        }
    }

    // ---- WebSocket ------------------------------------------------------------------------------

    /** Collects whole binary messages (the JDK hands them over in parts). */
    private static final class Messages implements WebSocket.Listener {
        final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                received.add(partial.toByteArray());
                partial.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            pongs.add(new String(b, StandardCharsets.UTF_8));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        byte[] next() throws InterruptedException {
            byte[] m = received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(m, "no WebSocket message within " + TIMEOUT_MS + " ms");
            return m;
        }
    }

    private static Reply parse(byte[] message) throws IOException {
        LittleEndianDataInputStream in = new LittleEndianDataInputStream(new ByteArrayInputStream(message));
        Reply r = readReply(in);
        assertEquals(0, in.available(), "one reply per message, nothing after it");
        return r;
    }

    @Test
    void theSameProtocolOverWebSocketOnTheNodesPort() throws Exception {
        Messages messages = new Messages();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS))
                .buildAsync(URI.create("ws://" + cluster.host() + ":" + cluster.port() + "/"), messages)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            ws.sendBinary(ByteBuffer.wrap(requestBytes("0", "0_1_4_64", "connect\nlogin\n" + cluster.user() + "\n" + cluster.password())), true).join();
            Reply connect = parse(messages.next());
            assertEquals("OK", connect.status);
            assertInstanceOf(BasicBoolean.class, connect.object);

            ws.sendBinary(ByteBuffer.wrap(requestBytes(connect.session, "0_1_4_64", "script\n1+1")), true).join();
            assertEquals(2, ((BasicInt) parse(messages.next()).object).getInt());

            // a reply longer than 65535 bytes: the frame's 64-bit length
            ws.sendBinary(ByteBuffer.wrap(requestBytes(connect.session, "0_1_4_64", "script\nsum(1..100000)\nx = 1..100000\nx")), true).join();
            Reply big = parse(messages.next());
            assertEquals(100_000, big.object.rows());
            assertEquals("100000", ((com.xxdb.data.Vector) big.object).get(99_999).getString());

            // a request split over two frames is one request
            byte[] request = requestBytes(connect.session, "0_1_4_64", "script\n40+2");
            ws.sendBinary(ByteBuffer.wrap(request, 0, 10), false).join();
            ws.sendBinary(ByteBuffer.wrap(request, 10, request.length - 10), true).join();
            assertEquals(42, ((BasicInt) parse(messages.next()).object).getInt());

            ws.sendBinary(ByteBuffer.wrap(requestBytes(connect.session, "0_1_4_64", "script\nthrow 'x'")), true).join();
            assertEquals("throw \"x\" => x", parse(messages.next()).status);

            // a ping between requests is answered with its payload, and the session goes on
            ws.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).join();
            assertEquals("are you there", messages.pongs.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            ws.sendBinary(ByteBuffer.wrap(requestBytes(connect.session, "0_1_4_64", "script\n6*7")), true).join();
            assertEquals(42, ((BasicInt) parse(messages.next()).object).getInt());
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
        assertEquals(WebSocket.NORMAL_CLOSURE, messages.closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    /** Sends an HTTP request on a raw socket and returns the socket, positioned after the response's header. */
    private static Socket rawHttp(String request, StringBuilder response) throws IOException {
        Socket s = new Socket(cluster.host(), cluster.port());
        s.setSoTimeout(TIMEOUT_MS);
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        LittleEndianDataInputStream in = new LittleEndianDataInputStream(s.getInputStream());
        for (String line = in.readLine(); !line.equals("\r"); line = in.readLine()) response.append(line).append('\n');
        return s;
    }

    private static String upgradeRequest(String extraHeaders) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void theHandshakeAnswersRfc6455sExampleAndRefusesSubprotocolsAndUnmaskedFrames() throws Exception {
        StringBuilder response = new StringBuilder();
        try (Socket s = rawHttp(upgradeRequest(""), response)) {
            assertTrue(response.toString().startsWith("HTTP/1.1 101"), response.toString());
            // RFC 6455 1.3's example key and accept value
            assertTrue(response.toString().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), response.toString());
            // an unmasked frame (a client must mask) is answered with a close frame, status 1002, and the end
            byte[] request = requestBytes("0", "0_1_4_2", "connect\n");
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x82);
            frame.write(request.length);
            frame.writeBytes(request);
            s.getOutputStream().write(frame.toByteArray());
            byte[] close = s.getInputStream().readNBytes(4);
            assertArrayEquals(new byte[]{(byte) 0x88, 2, 0x03, (byte) 0xEA}, close);
            assertEquals(-1, s.getInputStream().read());
        }
        StringBuilder refused = new StringBuilder();
        try (Socket ignored = rawHttp(upgradeRequest("Sec-WebSocket-Protocol: python\r\n"), refused)) {
            assertTrue(refused.toString().startsWith("HTTP/1.1 400"), refused.toString());
        }
        StringBuilder oldVersion = new StringBuilder();
        try (Socket ignored = rawHttp(upgradeRequest("").replace("Version: 13", "Version: 8"), oldVersion)) {
            assertTrue(oldVersion.toString().startsWith("HTTP/1.1 426"), oldVersion.toString());
            assertTrue(oldVersion.toString().contains("Sec-WebSocket-Version: 13"), oldVersion.toString());
        }
    }

    @Test
    void anHttpRequestWithoutUpgradeIsRefusedWithWhatThePortServes() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + cluster.host() + ":" + cluster.port() + "/")).timeout(Duration.ofMillis(TIMEOUT_MS)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("API protocol and WebSocket"), r.body());
        // the port still serves API clients
        try (RawClient c = new RawClient()) {
            assertEquals("OK", c.request("32_1_4_2", "connect\n").status);
        }
    }
}
