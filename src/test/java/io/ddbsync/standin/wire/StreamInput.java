package io.ddbsync.standin.wire;

import com.xxdb.io.ExtendedDataInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an entity from a client's socket and keeps every byte it consumes, so that an uploaded
 * table can later be stored or sent on as the bytes that came in. Strings pass through the API's
 * reader and are kept as their UTF-8 encoding, which is what decoding them would have kept.
 */
final class StreamInput extends WireInput {
    private final ExtendedDataInput in;
    private byte[] buf;
    private int size;

    StreamInput(ExtendedDataInput in, int expectedBytes) {
        this.in = in;
        this.buf = CaptureBuffers.take(Math.max(expectedBytes, 256));
    }

    @Override
    int position() {
        return size;
    }

    @Override
    ByteBuffer buffer() {
        return ByteBuffer.wrap(buf, 0, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends bytes the caller produced (such as a header read before this capture began). */
    void keep(byte[] b, int off, int len) {
        reserve(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Makes room for about n more bytes at once, so that a large upload is not copied while it grows. */
    void expect(long n) {
        reserve((int) Math.min(n, 1 << 30));
    }

    private void reserve(int n) {
        if (size + n <= buf.length) return;
        byte[] larger = CaptureBuffers.take(Math.max(size + n, buf.length * 2));
        System.arraycopy(buf, 0, larger, 0, size);
        CaptureBuffers.giveBack(buf);
        buf = larger;
    }

    /** The array the bytes are in: it goes back to the pool when {@code owner} is unreachable. */
    void handOver(Object owner) {
        CaptureBuffers.giveBackAfter(owner, buf);
    }

    /** Reads n bytes into the capture; returns where they start. */
    private int take(int n) throws IOException {
        if (n < 0) throw new IOException("Invalid length " + n);
        reserve(n);
        in.readFully(buf, size, n);
        int at = size;
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
        System.arraycopy(buf, take(len), b, off, len);
    }

    @Override
    public byte readByte() throws IOException {
        return buf[take(1)];
    }

    @Override
    public short readShort() throws IOException {
        int at = take(2);
        return (short) ((buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8);
    }

    @Override
    public int readInt() throws IOException {
        int at = take(4);
        return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
    }

    @Override
    public long readLong() throws IOException {
        long lo = readInt() & 0xffffffffL;
        long hi = readInt();
        return lo | hi << 32;
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
