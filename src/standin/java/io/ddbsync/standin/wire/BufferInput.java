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
    ByteBuffer store() {
        return bytes;
    }

    @Override
    ByteBuffer buffer() {
        return bytes;
    }

    @Override
    int take(int n) throws EOFException {
        if (n < 0 || pos + n > bytes.limit()) throw new EOFException("entity ends after " + bytes.limit() + " bytes");
        int at = pos;
        pos += n;
        return at;
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
    public String readString() throws EOFException {
        int start = pos;
        skipString();
        byte[] b = new byte[pos - 1 - start];
        bytes.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
