package io.ddbsync.standin.wire;

import com.xxdb.io.LittleEndianDataInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * The API's little-endian reader over a client's socket channel, with one addition: bulk bytes
 * (an uploaded table's columns) can be read straight into a ByteBuffer. Into a direct buffer the
 * kernel copies them once; through a stream they would pass a temporary direct buffer and then
 * a byte array. Headers, scripts and small entities still go through the stream's own buffer,
 * which a bulk read empties first, so the order of bytes is kept.
 */
public final class ChannelInput extends LittleEndianDataInputStream {
    private final ReadableByteChannel channel;

    public ChannelInput(ReadableByteChannel channel) {
        super(Channels.newInputStream(channel));
        this.channel = channel;
    }

    /** Fills the remaining space of {@code dst}. */
    public void readFully(ByteBuffer dst) throws IOException {
        int buffered = Math.min(count - pos, dst.remaining());
        if (buffered > 0) {
            dst.put(buf, pos, buffered);
            pos += buffered;
        }
        while (dst.hasRemaining()) {
            if (channel.read(dst) < 0) throw new EOFException("the client closed the connection in the middle of an entity");
        }
    }
}
