package io.ddbsync.standin.wire;

import com.xxdb.io.Double2;
import com.xxdb.io.ExtendedDataInput;
import com.xxdb.io.Long2;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An entity's bytes being read, with their position known, so that a parser can note where each
 * column lies while the API's own decoders read the columns only it understands. The bytes end
 * up in {@link #buffer()}: a stored segment already is one; a socket's are captured as read.
 */
abstract class WireInput implements ExtendedDataInput {

    /** Bytes consumed so far, which is also the offset of the next byte in {@link #buffer()}. */
    abstract int position();

    /** Consumes n bytes; returns the offset of the first in {@link #store()}. */
    abstract int take(int n) throws IOException;

    /**
     * The buffer {@link #take}'s offsets index, without a copy or a view; ask for it after take,
     * which may replace it with a larger one.
     */
    abstract ByteBuffer store();

    /** Consumes n bytes without decoding them. */
    void skip(int n) throws IOException {
        take(n);
    }

    /** A hint that about n more bytes follow (a table's rows times columns times eight, say). */
    void expect(long n) {
    }

    /** Consumes a cstring without decoding it. */
    abstract void skipString() throws IOException;

    /** Every byte consumed so far (and possibly more), little-endian, indexed from 0. */
    abstract ByteBuffer buffer();

    @Override
    public boolean isLittleEndian() {
        return true;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        int at = take(len);
        store().get(at, b, off, len);
    }

    @Override
    public byte readByte() throws IOException {
        int at = take(1);
        return store().get(at);
    }

    @Override
    public short readShort() throws IOException {
        int at = take(2);
        return store().getShort(at);
    }

    @Override
    public int readInt() throws IOException {
        int at = take(4);
        return store().getInt(at);
    }

    @Override
    public long readLong() throws IOException {
        int at = take(8);
        return store().getLong(at);
    }

    @Override
    public int skipBytes(int n) throws IOException {
        skip(n);
        return n;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xff;
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xffff;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readUnsignedShort();
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public Long2 readLong2() throws IOException {
        long low = readLong();
        long high = readLong();
        return new Long2(high, low);
    }

    @Override
    public Double2 readDouble2() throws IOException {
        double x = readDouble();
        double y = readDouble();
        return new Double2(x, y);
    }

    @Override
    public byte[] readBlob() throws IOException {
        byte[] b = new byte[readInt()];
        readFully(b);
        return b;
    }

    @Override
    public String readLine() throws IOException {
        throw new IOException("readLine is not part of an entity");
    }

    @Override
    public String readUTF() throws IOException {
        throw new IOException("readUTF is not part of an entity");
    }
}
