package io.ddbsync.standin.wire;

import com.xxdb.io.ExtendedDataInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an entity from a client's socket and keeps every byte it consumes, so that an uploaded
 * table can later be stored or sent on as the bytes that came in. The bytes go into a direct
 * buffer: from a {@link ChannelInput} the kernel copies them there once. Strings pass through the
 * API's reader and are kept as their UTF-8 encoding, which is what decoding them would have kept.
 */
final class StreamInput extends WireInput {
    private final ExtendedDataInput in;
    private ByteBuffer buf;
    private int size;

    StreamInput(ExtendedDataInput in, int expectedBytes) {
        this.in = in;
        this.buf = CaptureBuffers.takeDirect(Math.max(expectedBytes, 256)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    int position() {
        return size;
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

    /** Makes room for about n more bytes at once, so that a large upload is not copied while it grows. */
    @Override
    void expect(long n) {
        reserve((int) Math.min(n, 1 << 30));
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

    /** Reads n bytes into the capture; returns where they start. */
    private int take(int n) throws IOException {
        if (n < 0) throw new IOException("Invalid length " + n);
        reserve(n);
        int at = size;
        if (in instanceof ChannelInput channel) {
            channel.readFully(buf.slice(at, n));
        } else {
            byte[] chunk = new byte[Math.min(n, 1 << 16)];
            for (int done = 0; done < n; ) {
                int k = Math.min(chunk.length, n - done);
                in.readFully(chunk, 0, k);
                buf.put(at + done, chunk, 0, k);
                done += k;
            }
        }
        size += n;
        return at;
    }

    @Override
    void skip(int n) throws IOException {
        take(n);
    }

    @Override
    void skipString() throws IOException {
        readString();
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        buf.get(take(len), b, off, len);
    }

    @Override
    public byte readByte() throws IOException {
        return buf.get(take(1));
    }

    @Override
    public short readShort() throws IOException {
        return buf.getShort(take(2));
    }

    @Override
    public int readInt() throws IOException {
        return buf.getInt(take(4));
    }

    @Override
    public long readLong() throws IOException {
        return buf.getLong(take(8));
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
