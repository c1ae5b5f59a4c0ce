package io.ddbsync.standin.wire;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads an entity from bytes already in memory (a stored segment, mapped or on the heap). */
final class BufferInput extends WireInput {
    private final ByteBuffer bytes;
    private int pos;

    BufferInput(ByteBuffer bytes, int pos) {
        this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.pos = pos;
    }

    @Override
    int position() {
        return pos;
    }

    @Override
    ByteBuffer buffer() {
        return bytes;
    }

    private int take(int n) throws EOFException {
        if (n < 0 || pos + n > bytes.limit()) throw new EOFException("entity ends after " + bytes.limit() + " bytes");
        int at = pos;
        pos += n;
        return at;
    }

    @Override
    void skip(int n) throws EOFException {
        take(n);
    }

    @Override
    void skipString() throws EOFException {
        int end = pos;
        int limit = bytes.limit();
        while (end < limit && bytes.get(end) != 0) end++;
        if (end == limit) throw new EOFException("unterminated string");
        pos = end + 1;
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws EOFException {
        bytes.get(take(len), b, off, len);
    }

    @Override
    public byte readByte() throws EOFException {
        return bytes.get(take(1));
    }

    @Override
    public short readShort() throws EOFException {
        return bytes.getShort(take(2));
    }

    @Override
    public int readInt() throws EOFException {
        return bytes.getInt(take(4));
    }

    @Override
    public long readLong() throws EOFException {
        return bytes.getLong(take(8));
    }

    @Override
    public String readString() throws EOFException {
        int start = pos;
        skipString();
        byte[] b = new byte[pos - 1 - start];
        bytes.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
