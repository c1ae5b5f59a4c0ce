package io.ddbsync.standin.wire;

import com.xxdb.io.ExtendedDataInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads an entity from a client's socket and keeps every byte it consumes, so that an uploaded
 * table can later be stored or sent on as the bytes that came in. The bytes go into a direct
 * buffer: from a {@link ChannelInput} the kernel copies them there once. Strings pass through the
 * API's reader and are kept as their UTF-8 encoding, which is what decoding them would have kept.
 *
 * <p>An entity announced as large is also written to an {@link UploadSpool} as it arrives, a
 * chunk at a time between socket reads.
 */
final class StreamInput extends WireInput {
    /** Uploads from this size on are spooled. */
    static final long SPOOL_MIN = 1 << 20;
    /** Socket reads and spool writes alternate in chunks of this size. */
    private static final int CHUNK = 1 << 20;

    private final ExtendedDataInput in;
    private final Path spoolDir;
    private ByteBuffer buf;
    private int size;
    private UploadSpool spool;
    /** Bytes [0, spooled) are in the spool. */
    private int spooled;

    /** {@code spoolDir}: where large uploads are spooled, or null for none. */
    StreamInput(ExtendedDataInput in, int expectedBytes, Path spoolDir) {
        this.in = in;
        this.spoolDir = spoolDir;
        this.buf = CaptureBuffers.takeDirect(Math.max(expectedBytes, 256)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    int position() {
        return size;
    }

    @Override
    ByteBuffer store() {
        return buf;
    }

    @Override
    ByteBuffer buffer() {
        return buf.slice(0, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends bytes the caller produced (such as a header read before this capture began). */
    void keep(byte[] b, int off, int len) {
        reserve(len);
        buf.put(size, b, off, len);
        size += len;
    }

    /** Makes room for about n more bytes at once, so that a large upload is not copied while it grows; spools a large one. */
    @Override
    void expect(long n) {
        reserve((int) Math.min(n, 1 << 30));
        if (spoolDir != null && spool == null && n >= SPOOL_MIN) spool = UploadSpool.create(spoolDir);
    }

    private void reserve(int n) {
        if (size + n <= buf.capacity()) return;
        ByteBuffer larger = CaptureBuffers.takeDirect(Math.max(size + n, buf.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        larger.put(0, buf, 0, size);
        CaptureBuffers.giveBack(buf);
        buf = larger;
    }

    /** The pooled direct buffer the bytes are in, for its table to give back when its request is over. */
    ByteBuffer pooledBuffer() {
        return buf;
    }

    /** The spool, complete, once the entity has been read; null when there is none. */
    UploadSpool finishSpool() {
        if (spool == null) return null;
        spoolPending(0);
        if (!spool.finish() || spool.length() != size) {
            spool.delete();
            return null;
        }
        return spool;
    }

    /** Drops the spool (the entity could not be read). */
    void abandonSpool() {
        if (spool != null) spool.delete();
    }

    /** Writes the captured bytes not yet spooled, when there are at least {@code min}. */
    private void spoolPending(int min) {
        if (spool == null || size - spooled < Math.max(min, 1)) return;
        spool.append(buf.slice(spooled, size - spooled));
        spooled = size;
    }

    /** Reads n bytes into the capture; returns where they start. */
    @Override
    int take(int n) throws IOException {
        if (n < 0) throw new IOException("Invalid length " + n);
        reserve(n);
        int at = size;
        if (in instanceof ChannelInput channel) {
            for (int done = 0; done < n; ) {
                int k = Math.min(CHUNK, n - done);
                channel.readFully(buf.slice(at + done, k));
                done += k;
                size = at + done;
                spoolPending(CHUNK);
            }
        } else {
            byte[] chunk = new byte[Math.min(n, 1 << 16)];
            for (int done = 0; done < n; ) {
                int k = Math.min(chunk.length, n - done);
                in.readFully(chunk, 0, k);
                buf.put(at + done, chunk, 0, k);
                done += k;
            }
        }
        size = at + n;
        return at;
    }

    @Override
    void skipString() throws IOException {
        readString();
    }

    @Override
    public String readString() throws IOException {
        String s = in.readString();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        keep(b, 0, b.length);
        keep(new byte[1], 0, 1);
        return s;
    }

    @Override
    public byte[] readBlob() throws IOException {
        byte[] b = new byte[readInt()];
        readFully(b);
        return b;
    }
}
