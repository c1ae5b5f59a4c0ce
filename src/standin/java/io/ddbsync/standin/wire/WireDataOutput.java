package io.ddbsync.standin.wire;

import com.xxdb.io.LittleEndianDataOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The API's little-endian output stream, made fit for bulk data. The API's stream inherits
 * FilterOutputStream.write(byte[], int, int), which writes one byte at a time, and its typed
 * array writers convert element by element through a 4 KB buffer; here byte ranges go straight
 * to the sink and typed ranges are converted in 64 KB chunks. Everything the API encodes
 * through this stream comes out as it would through its own.
 */
public final class WireDataOutput extends LittleEndianDataOutputStream {
    private static final int SCRATCH = 1 << 16;
    /**
     * One conversion buffer per thread, not per stream: a stream is made for every segment file
     * written (thousands in a restore of small partitions), and its content never outlives the
     * call that fills and drains it, so streams on one thread can share it.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH_OF_THREAD =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(SCRATCH).order(ByteOrder.LITTLE_ENDIAN));

    public WireDataOutput(OutputStream sink) {
        super(sink);
    }

    private static ByteBuffer scratch() {
        return SCRATCH_OF_THREAD.get();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    /** A cstring, as the API writes strings: UTF-8 bytes (cut at an embedded zero) then a zero byte. */
    public void writeCString(String s) throws IOException {
        byte[] b = getResolveZeroByteArray(s.getBytes(StandardCharsets.UTF_8));
        out.write(b, 0, b.length);
        out.write(0);
    }

    /**
     * Bytes [offset, offset+length) of a buffer, heap, direct or mapped. Onto a channel they go as
     * they are; onto a stream, direct bytes are copied through a scratch array.
     */
    public void write(ByteBuffer source, int offset, int length) throws IOException {
        if (out instanceof ChannelOutput channel) {
            channel.write(source.slice(offset, length));
            return;
        }
        if (source.hasArray()) {
            out.write(source.array(), source.arrayOffset() + offset, length);
            return;
        }
        byte[] b = scratch().array();
        while (length > 0) {
            int n = Math.min(length, SCRATCH);
            source.get(offset, b, 0, n);
            out.write(b, 0, n);
            offset += n;
            length -= n;
        }
    }

    public void writeInts(int[] values, int offset, int count) throws IOException {
        ByteBuffer scratch = scratch();
        while (count > 0) {
            int n = Math.min(count, SCRATCH / 4);
            scratch.clear();
            scratch.asIntBuffer().put(values, offset, n);
            out.write(scratch.array(), 0, n * 4);
            offset += n;
            count -= n;
        }
    }

    public void writeLongs(long[] values, int offset, int count) throws IOException {
        ByteBuffer scratch = scratch();
        while (count > 0) {
            int n = Math.min(count, SCRATCH / 8);
            scratch.clear();
            scratch.asLongBuffer().put(values, offset, n);
            out.write(scratch.array(), 0, n * 8);
            offset += n;
            count -= n;
        }
    }

    public void writeDoubles(double[] values, int offset, int count) throws IOException {
        ByteBuffer scratch = scratch();
        while (count > 0) {
            int n = Math.min(count, SCRATCH / 8);
            scratch.clear();
            scratch.asDoubleBuffer().put(values, offset, n);
            out.write(scratch.array(), 0, n * 8);
            offset += n;
            count -= n;
        }
    }

    public void writeFloats(float[] values, int offset, int count) throws IOException {
        ByteBuffer scratch = scratch();
        while (count > 0) {
            int n = Math.min(count, SCRATCH / 4);
            scratch.clear();
            scratch.asFloatBuffer().put(values, offset, n);
            out.write(scratch.array(), 0, n * 4);
            offset += n;
            count -= n;
        }
    }

    public void writeShorts(short[] values, int offset, int count) throws IOException {
        ByteBuffer scratch = scratch();
        while (count > 0) {
            int n = Math.min(count, SCRATCH / 2);
            scratch.clear();
            scratch.asShortBuffer().put(values, offset, n);
            out.write(scratch.array(), 0, n * 2);
            offset += n;
            count -= n;
        }
    }
}
