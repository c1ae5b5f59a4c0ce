package io.ddbsync.standin.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** How replies become WebSocket messages: print messages each alone, then the reply, when the next request is read. */
class WebSocketChannelTest {

    /** A socket that records what is written to it. */
    private static final class RecordingSocket implements ByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean open = true;

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException("the channel reads from its input stream");
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] b = new byte[n];
            src.get(b);
            written.writeBytes(b);
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        /** The payloads of the unmasked frames written, with their first header byte. */
        List<String> frames() {
            List<String> out = new ArrayList<>();
            byte[] b = written.toByteArray();
            int i = 0;
            while (i < b.length) {
                int first = b[i] & 0xff;
                int length = b[i + 1] & 0x7f;
                assertTrue(length < 126, "short frames in this test");
                out.add(Integer.toHexString(first) + ":" + new String(b, i + 2, length, StandardCharsets.ISO_8859_1));
                i += 2 + length;
            }
            return out;
        }
    }

    private static byte[] maskedBinaryFrame(String payload) {
        byte[] p = payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x82);
        frame.write(0x80 | p.length);
        frame.writeBytes(mask);
        for (int i = 0; i < p.length; i++) frame.write(p[i] ^ mask[i & 3]);
        return frame.toByteArray();
    }

    @Test
    void printMessagesGoAloneAndTheReplyWholeWhenTheNextRequestIsRead() throws Exception {
        RecordingSocket socket = new RecordingSocket();
        WebSocketChannel ws = new WebSocketChannel(new ByteArrayInputStream(maskedBinaryFrame("next request")), socket);

        ws.write(ByteBuffer.wrap("MSG\nfirst\0MSG\nsecond\0".getBytes(StandardCharsets.ISO_8859_1)));
        ws.write(ByteBuffer.wrap("7 1 1\nOK\n".getBytes(StandardCharsets.ISO_8859_1)));
        ws.write(ByteBuffer.wrap(new byte[]{4, 0, 2, 0, 0, 0}));
        assertEquals(0, socket.written.size(), "nothing is sent before the reply is complete");

        ByteBuffer request = ByteBuffer.allocate(64);
        assertEquals(12, ws.read(request));
        assertEquals("next request", new String(request.array(), 0, 12, StandardCharsets.ISO_8859_1));
        assertEquals(List.of("82:MSG\nfirst\0", "82:MSG\nsecond\0", "82:7 1 1\nOK\n\u0004\0\u0002\0\0\0"), socket.frames());

        // the client's input ends: the channel says so, and closing sends a normal close frame
        assertEquals(-1, ws.read(request));
        ws.close();
        assertFalse(socket.isOpen());
        byte[] all = socket.written.toByteArray();
        assertArrayEquals(new byte[]{(byte) 0x88, 2, 0x03, (byte) 0xE8}, Arrays.copyOfRange(all, all.length - 4, all.length));
    }
}
