package io.ddbsync.standin.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DolphinDB's API protocol carried in WebSocket frames (RFC 6455, server side), as a node carries
 * it for web clients on its own port. Requests arrive as the payloads of data frames and are read
 * as one byte stream, so the protocol code reads them as it reads a socket. Replies are collected
 * and sent when the server turns to read the next request: one binary message per reply, as the
 * JavaScript API parses one message as one reply. A print message ({@code MSG\n<text>\0}) ahead of
 * a reply goes in a message of its own, as the JavaScript API takes a message starting with
 * {@code MSG\n} for a print message and nothing more.
 * <p>
 * A reply is held in memory until it is complete (the stand-in's choice: simple, and fine for the
 * replies a web client asks for; a reply of gigabytes would need gigabytes here).
 */
final class WebSocketChannel implements ByteChannel {
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    private static final int FIN = 0x80;
    private static final int MASKED = 0x80;
    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_PROTOCOL_ERROR = 1002;
    private static final int CLOSE_TOO_BIG = 1009;
    /** RFC 6455 5.5: a control frame's payload is at most 125 bytes. */
    private static final int CONTROL_MAX = 125;
    private static final byte[] PRINT_MESSAGE = "MSG\n".getBytes(StandardCharsets.US_ASCII);

    /** The socket's input as the handshake left it (it may hold bytes the handshake read ahead). */
    private final InputStream in;
    private final ByteChannel socket;
    private final ByteArrayOutputStream reply = new ByteArrayOutputStream();
    private final byte[] mask = new byte[4];
    private long payloadLeft;
    private long maskOffset;
    private boolean closeSent;
    private boolean closeReceived;

    WebSocketChannel(InputStream in, ByteChannel socket) {
        this.in = in;
        this.socket = socket;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        sendReply();
        if (!dst.hasRemaining()) return 0;
        while (payloadLeft == 0) {
            if (!nextDataFrame()) return -1;
        }
        byte[] bytes = new byte[(int) Math.min(dst.remaining(), Math.min(payloadLeft, 1 << 16))];
        int n = in.read(bytes);
        if (n < 0) return -1;
        for (int i = 0; i < n; i++) bytes[i] ^= mask[(int) (maskOffset++ & 3)];
        payloadLeft -= n;
        dst.put(bytes, 0, n);
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (src.hasArray()) {
            reply.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] bytes = new byte[n];
            src.get(bytes);
            reply.write(bytes);
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen() && !closeReceived;
    }

    @Override
    public void close() throws IOException {
        try {
            if (socket.isOpen()) {
                sendReply();
                if (!closeSent) sendClose(CLOSE_NORMAL);
            }
        } finally {
            socket.close();
        }
    }

    /**
     * Reads frame headers until a data frame, answering control frames on the way.
     *
     * @return false when the client closed the connection
     */
    private boolean nextDataFrame() throws IOException {
        int first = in.read();
        if (first < 0) return false;
        int second = readByte();
        int opcode = first & 0x0F;
        long length = second & 0x7F;
        if (length == 126) length = readUnsigned(2);
        else if (length == 127) length = readUnsigned(8);
        if ((second & MASKED) == 0) {
            // RFC 6455 5.1: a server must close the connection on an unmasked client frame
            sendClose(CLOSE_PROTOCOL_ERROR);
            throw new IOException("a WebSocket client sent an unmasked frame");
        }
        readFully(mask);
        maskOffset = 0;
        switch (opcode) {
            case OP_CONTINUATION, OP_TEXT, OP_BINARY -> {
                payloadLeft = length;
                return true;
            }
            case OP_PING, OP_PONG, OP_CLOSE -> {
                if (length > CONTROL_MAX) {
                    sendClose(CLOSE_TOO_BIG);
                    throw new IOException("a WebSocket client sent a control frame of " + length + " bytes");
                }
                byte[] payload = new byte[(int) length];
                readFully(payload);
                for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
                if (opcode == OP_PING) {
                    sendFrame(OP_PONG, payload, 0, payload.length);
                    return nextDataFrame();
                }
                if (opcode == OP_PONG) return nextDataFrame();
                closeReceived = true;
                if (!closeSent) sendClose(CLOSE_NORMAL);
                return false;
            }
            default -> {
                sendClose(CLOSE_PROTOCOL_ERROR);
                throw new IOException("a WebSocket client sent a frame with the unknown opcode " + opcode);
            }
        }
    }

    /** Sends what the server wrote since the last request: print messages each alone, then the reply. */
    private void sendReply() throws IOException {
        if (reply.size() == 0) return;
        byte[] bytes = reply.toByteArray();
        reply.reset();
        int start = 0;
        while (startsWithPrintMessage(bytes, start)) {
            int end = indexOfZero(bytes, start + PRINT_MESSAGE.length);
            if (end < 0) break;
            sendFrame(OP_BINARY, bytes, start, end + 1 - start);
            start = end + 1;
        }
        if (start < bytes.length) sendFrame(OP_BINARY, bytes, start, bytes.length - start);
    }

    private static boolean startsWithPrintMessage(byte[] bytes, int start) {
        return bytes.length - start >= PRINT_MESSAGE.length
                && Arrays.equals(bytes, start, start + PRINT_MESSAGE.length, PRINT_MESSAGE, 0, PRINT_MESSAGE.length);
    }

    private static int indexOfZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) if (bytes[i] == 0) return i;
        return -1;
    }

    private void sendClose(int status) throws IOException {
        closeSent = true;
        sendFrame(OP_CLOSE, new byte[]{(byte) (status >> 8), (byte) status}, 0, 2);
    }

    /** One unfragmented, unmasked frame (RFC 6455 5.2: a server never masks). */
    private void sendFrame(int opcode, byte[] payload, int offset, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(10);
        header.put((byte) (FIN | opcode));
        if (length < 126) {
            header.put((byte) length);
        } else if (length < 1 << 16) {
            header.put((byte) 126).putShort((short) length);
        } else {
            header.put((byte) 127).putLong(length);
        }
        header.flip();
        writeFully(header);
        writeFully(ByteBuffer.wrap(payload, offset, length));
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) socket.write(b);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("the WebSocket client closed the connection in the middle of a frame header");
        return b;
    }

    private long readUnsigned(int bytes) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) v = (v << 8) | readByte();
        return v;
    }

    private void readFully(byte[] b) throws IOException {
        if (in.readNBytes(b, 0, b.length) < b.length) {
            throw new EOFException("the WebSocket client closed the connection in the middle of a frame");
        }
    }
}
