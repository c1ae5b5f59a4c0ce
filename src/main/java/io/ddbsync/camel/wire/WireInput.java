package io.ddbsync.camel.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered little-endian reader of a DolphinDB reply (reference: docs/wire-protocol.md §0,
 * §2): LF-ended header lines, integers, and zero-ended strings, which it can copy without decoding.
 * It is an InputStream, so the API's own decoder reads the replies that are not tables.
 */
final class WireInput extends InputStream {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    WireInput(InputStream in) {
        this.in = in;
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) return false;
        limit = n;
        return true;
    }

    private void need() throws IOException {
        if (pos == limit && !fill()) throw new EOFException("The server closed the connection in the middle of a reply");
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) return -1;
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == limit) {
            // a large read skips the buffer
            if (len >= buf.length) return in.read(b, off, len);
            if (!fill()) return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = read(b, off, len);
            if (n < 0) throw new EOFException("The server closed the connection in the middle of a reply");
            off += n;
            len -= n;
        }
    }

    byte readByte() throws IOException {
        need();
        return buf[pos++];
    }

    short readShort() throws IOException {
        return (short) ((readByte() & 0xff) | (readByte() & 0xff) << 8);
    }

    int readInt() throws IOException {
        return (readShort() & 0xffff) | (readShort() & 0xffff) << 16;
    }

    /** A header line without its LF (the protocol's lines end with LF alone). */
    String readLine() throws IOException {
        Bytes line = new Bytes(64);
        copyUntil((byte) '\n', line);
        return new String(line.array(), 0, line.length() - 1, StandardCharsets.UTF_8);
    }

    /** A zero-ended string, decoded. */
    String readCString() throws IOException {
        Bytes text = new Bytes(32);
        copyUntil((byte) 0, text);
        return new String(text.array(), 0, text.length() - 1, StandardCharsets.UTF_8);
    }

    /** Copies {@code count} zero-ended strings, their terminators included, onto {@code out}. */
    void copyCStrings(int count, Bytes out) throws IOException {
        for (int i = 0; i < count; i++) copyUntil((byte) 0, out);
    }

    /** Copies bytes up to and including {@code end} onto {@code out}, scanning the buffer in place. */
    private void copyUntil(byte end, Bytes out) throws IOException {
        while (true) {
            need();
            int start = pos;
            int stop = limit;
            byte[] b = buf;
            int i = start;
            while (i < stop && b[i] != end) i++;
            if (i < stop) {
                out.append(b, start, i + 1 - start);
                pos = i + 1;
                return;
            }
            out.append(b, start, stop - start);
            pos = stop;
        }
    }

    /** Copies exactly {@code len} bytes onto {@code out}. */
    void copy(int len, Bytes out) throws IOException {
        out.reserve(len);
        readFully(out.array(), out.length(), len);
        out.grew(len);
    }

    /** A growable byte array: a column's wire bytes as they arrive. */
    static final class Bytes {
        private byte[] a;
        private int n;

        Bytes(int capacity) {
            a = new byte[Math.max(16, capacity)];
        }

        byte[] array() {
            return a;
        }

        int length() {
            return n;
        }

        void reserve(int more) {
            if (n + more > a.length) a = java.util.Arrays.copyOf(a, Math.max(n + more, a.length * 2));
        }

        void grew(int more) {
            n += more;
        }

        void append(byte[] b, int off, int len) {
            reserve(len);
            System.arraycopy(b, off, a, n, len);
            n += len;
        }

        void writeShort(int v) {
            reserve(2);
            a[n++] = (byte) v;
            a[n++] = (byte) (v >> 8);
        }

        void writeInt(int v) {
            writeShort(v);
            writeShort(v >> 16);
        }
    }
}
