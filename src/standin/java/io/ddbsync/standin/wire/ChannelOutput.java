package io.ddbsync.standin.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A buffered output stream onto a channel (a client's socket, a segment file) that can also take
 * whole ByteBuffers. Small writes collect in a direct buffer; a large buffer of stored bytes (a
 * column range of a mapped segment, an upload received into direct memory) goes to the channel
 * as it is, so the kernel copies it once, where a stream over the channel would first copy it to
 * a byte array and then to a temporary direct buffer.
 */
public final class ChannelOutput extends OutputStream {
    private static final int STAGING = 1 << 16;
    /** Smaller ranges are copied into the staging buffer: one system call for many of them. */
    private static final int DIRECT_MIN = 1 << 13;

    private final WritableByteChannel channel;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING);

    public ChannelOutput(WritableByteChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        if (!staging.hasRemaining()) drain();
        staging.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!staging.hasRemaining()) drain();
            int n = Math.min(len, staging.remaining());
            staging.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Writes the remaining bytes of {@code source} (its position moves to its limit). */
    public void write(ByteBuffer source) throws IOException {
        if (source.remaining() < DIRECT_MIN && source.remaining() <= staging.remaining()) {
            staging.put(source);
            return;
        }
        drain();
        writeFully(source);
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    /** Flushes; the channel stays open (its owner closes it). */
    @Override
    public void close() throws IOException {
        drain();
    }

    private void drain() throws IOException {
        staging.flip();
        writeFully(staging);
        staging.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) channel.write(b);
    }
}
