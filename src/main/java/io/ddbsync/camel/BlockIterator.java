package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import io.ddbsync.camel.wire.ServerErrors;
import io.ddbsync.camel.wire.WireConnection;
import io.ddbsync.camel.wire.WireTable;
import org.apache.camel.RuntimeCamelException;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * The blocks of a streaming query, read one at a time from the connection, as camel-sql's
 * StreamList reads a result set. It holds the borrowed connection until the last block is read
 * or it is closed (by the exchange's completion at the latest), so memory stays at one block.
 * Blocks come decoded by the API ({@link BasicTable}) or in wire form ({@link WireTable}).
 */
final class BlockIterator<T> implements Iterator<T>, Closeable {
    /** Where the blocks come from: how many are left, and the next one. */
    interface Source<T> {
        boolean hasNext();

        T next() throws IOException;

        /** A source from its two halves. */
        static <T> Source<T> of(BooleanSupplier more, Next<T> next) {
            return new Source<>() {
                @Override
                public boolean hasNext() {
                    return more.getAsBoolean();
                }

                @Override
                public T next() throws IOException {
                    return next.read();
                }
            };
        }
    }

    /** How a source reads its next block. */
    interface Next<T> {
        T read() throws IOException;
    }

    private final Lease connection;
    private final Source<T> source;
    /** The query, for the message of a failed read: cluster, database/table and where condition (the partition). */
    private final String query;
    private boolean closed;

    private BlockIterator(Lease connection, Source<T> source, String query) {
        this.connection = connection;
        this.source = source;
        this.query = query;
    }

    /**
     * @param result what the server sent: an EntityBlockReader, or one table when it chose not to stream
     * @param query  the query in words, e.g. {@code dolphindb:source query of dfs://db1/mt where date(Timestamp) = 2024.01.02}
     */
    static BlockIterator<BasicTable> decoded(PooledConnection connection, Entity result, String query) {
        if (result instanceof EntityBlockReader reader) {
            return new BlockIterator<>(connection, Source.of(reader::hasNext, () -> {
                try {
                    return (BasicTable) reader.read();
                } catch (IOException | RuntimeException e) {
                    // only reads: the socket's SO_TIMEOUT (readTimeout) bounds them; a timeout is said as a stall
                    throw connection.watchdog(connection.readTimeout()).explain(e, "reading the next block of a streamed reply");
                }
            }), query);
        }
        // the whole result came at once: the connection is free already
        connection.close();
        Iterator<BasicTable> single = result instanceof BasicTable t && t.rows() > 0 ? List.of(t).iterator() : Collections.emptyIterator();
        return new BlockIterator<>(connection, Source.of(single::hasNext, single::next), query);
    }

    /** Blocks in wire form. */
    static BlockIterator<WireTable> wire(WireLease connection, WireConnection.Blocks blocks, String query) {
        return new BlockIterator<>(connection, Source.of(blocks::hasNext, blocks::next), query);
    }

    @Override
    public synchronized boolean hasNext() {
        if (closed) return false;
        boolean more = source.hasNext();
        if (!more) close();
        return more;
    }

    @Override
    public synchronized T next() {
        if (!hasNext()) throw new NoSuchElementException();
        try {
            return source.next();
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        } catch (OutOfMemoryError e) {
            throw failed(HeapShortage.of(e));
        }
    }

    /** The rest of the block is still on the connection: it cannot serve another call. */
    private RuntimeCamelException failed(Exception e) {
        connection.markBroken();
        close();
        return new RuntimeCamelException("Reading the next block of " + query + " failed: " + ServerErrors.message(e), e);
    }

    /**
     * Gives the connection back. A stream abandoned before its end is not drained (that could mean
     * reading gigabytes on a completion thread); its connection is closed instead, which also stops
     * the server's sending.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (source.hasNext()) connection.markBroken();
        connection.close();
    }
}
