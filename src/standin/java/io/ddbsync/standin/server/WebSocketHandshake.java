package io.ddbsync.standin.server;

import com.xxdb.io.LittleEndianDataInputStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP side of a WebSocket connection on a node's port (RFC 6455 section 4.2): a DolphinDB
 * node serves its web clients on the port of its API (the JavaScript API connects with
 * {@code ws://host:port}), and tells them from API clients by the first request line. An upgrade
 * request is answered with 101 and the connection goes on in WebSocket frames; any other HTTP
 * request gets an error naming what the stand-in serves (it has no web interface).
 */
final class WebSocketHandshake {
    /** RFC 6455 1.3: appended to the client's key before hashing. */
    private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEADERS = 100;

    private WebSocketHandshake() {
    }

    /**
     * Reads the rest of the HTTP request and answers it.
     *
     * @param requestLine the request's first line (without its line end)
     * @param in          the socket's input, positioned after the request line
     * @return the WebSocket over the socket, or null when the request was refused (and answered)
     */
    static WebSocketChannel accept(String requestLine, LittleEndianDataInputStream in, ByteChannel socket) throws IOException {
        Map<String, String> headers = readHeaders(in);
        String key = headers.get("sec-websocket-key");
        if (!requestLine.startsWith("GET ") || key == null
                || !headers.getOrDefault("upgrade", "").toLowerCase(Locale.ROOT).contains("websocket")) {
            refuse(socket, "400 Bad Request", "",
                    "This stand-in of a DolphinDB node serves the API protocol and WebSocket connections on this port; it has no web interface.");
            return null;
        }
        if (!"13".equals(headers.get("sec-websocket-version"))) {
            refuse(socket, "426 Upgrade Required", "Sec-WebSocket-Version: 13\r\n", "Only WebSocket version 13 (RFC 6455) is served.");
            return null;
        }
        String subprotocol = headers.get("sec-websocket-protocol");
        if (subprotocol != null) {
            // DolphinDB's web clients ask for "python", "q" or "streaming" sessions this way
            refuse(socket, "400 Bad Request", "",
                    "The stand-in serves DolphinDB-language sessions only; the WebSocket subprotocol '" + subprotocol + "' is not served.");
            return null;
        }
        write(socket, "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n");
        return new WebSocketChannel(in, socket);
    }

    private static Map<String, String> readHeaders(LittleEndianDataInputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < MAX_HEADERS; i++) {
            String line = stripCr(in.readLine());
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        throw new IOException("an HTTP request with more than " + MAX_HEADERS + " header lines");
    }

    static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + KEY_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static void refuse(ByteChannel socket, String status, String extraHeaders, String text) throws IOException {
        String body = text + "\n";
        write(socket, "HTTP/1.1 " + status + "\r\n" + extraHeaders
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n\r\n" + body);
    }

    private static void write(ByteChannel socket, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) socket.write(b);
    }
}
