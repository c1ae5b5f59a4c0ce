package io.ddbsync.standin.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The channel reader and writer keep the order of bytes whichever way they go: through the
 * stream's buffer or straight between the channel and a ByteBuffer.
 */
class ChannelIoTest {

    @Test
    void bulkReadsTakeWhatTheStreamBufferedFirst() throws IOException {
        byte[] bulk = randomBytes(200_000, 1);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.write("API 0 12\n".getBytes(StandardCharsets.UTF_8));
        sent.write(new byte[]{42, 0, 0, 0});
        sent.write(bulk);
        sent.write("tail\0".getBytes(StandardCharsets.UTF_8));
        sent.write(new byte[]{7, 0});

        ChannelInput in = new ChannelInput(trickle(sent.toByteArray()));
        assertEquals("API 0 12", in.readLine()); // the stream buffers ahead: part of the bulk bytes is in its buffer
        assertEquals(42, in.readInt());
        ByteBuffer direct = ByteBuffer.allocateDirect(bulk.length);
        in.readFully(direct);
        assertFalse(direct.hasRemaining());
        byte[] got = new byte[bulk.length];
        direct.flip().get(got);
        assertArrayEquals(bulk, got);
        assertEquals("tail", in.readString());
        assertEquals(7, in.readShort());
    }

    @Test
    void aBulkReadThatEndsEarlyFails() {
        ChannelInput in = new ChannelInput(Channels.newChannel(new java.io.ByteArrayInputStream(new byte[10])));
        assertThrows(java.io.EOFException.class, () -> in.readFully(ByteBuffer.allocateDirect(11)));
    }

    @Test
    void buffersOfEverySizeAndKindComeOutInOrder() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        WireDataOutput out = new WireDataOutput(new ChannelOutput(Channels.newChannel(sink)));
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            int size = switch (i % 4) {
                case 0 -> r.nextInt(16);
                case 1 -> r.nextInt(9000);
                case 2 -> 60_000 + r.nextInt(20_000);
                default -> r.nextInt(300_000);
            };
            byte[] b = randomBytes(size, i);
            switch (i % 3) {
                case 0 -> out.write(b, 0, b.length);
                case 1 -> {
                    ByteBuffer direct = ByteBuffer.allocateDirect(size + 10).put(new byte[5]).put(b).put(new byte[5]);
                    out.write(direct, 5, size);
                }
                default -> out.write(ByteBuffer.wrap(b), 0, size);
            }
            expected.write(b);
            out.writeInt(i);
            expected.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(i).array());
        }
        out.flush();
        assertArrayEquals(expected.toByteArray(), sink.toByteArray());
    }

    /** A channel that hands out a few bytes at a time, as a socket may. */
    private static ReadableByteChannel trickle(byte[] data) {
        return new ReadableByteChannel() {
            private int at;
            private final Random r = new Random(3);

            @Override
            public int read(ByteBuffer dst) {
                if (at == data.length) return -1;
                int n = Math.min(Math.min(dst.remaining(), data.length - at), 1 + r.nextInt(70_000));
                dst.put(data, at, n);
                at += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
