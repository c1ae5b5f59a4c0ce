package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import org.apache.camel.RuntimeCamelException;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The blocks of a streaming query, read one at a time from the connection, as camel-sql's
 * StreamList reads a result set. It holds the borrowed connection until the last block is read
 * or it is closed (by the exchange's completion at the latest), so memory stays at one block.
 */
final class BlockIterator implements Iterator<BasicTable>, Closeable {
    private final PooledConnection connection;
    private final EntityBlockReader reader;
    private BasicTable single;
    private boolean closed;

    /** @param result what the server sent: an EntityBlockReader, or one table when it chose not to stream */
    BlockIterator(PooledConnection connection, Entity result) {
        this.connection = connection;
        if (result instanceof EntityBlockReader r) {
            this.reader = r;
        } else {
            this.reader = null;
            this.single = result instanceof BasicTable t && t.rows() > 0 ? t : null;
        }
        if (reader == null) connection.close();
    }

    @Override
    public synchronized boolean hasNext() {
        if (closed) return false;
        boolean more = reader != null ? reader.hasNext() : single != null;
        if (!more) close();
        return more;
    }

    @Override
    public synchronized BasicTable next() {
        if (!hasNext()) throw new NoSuchElementException();
        if (reader == null) {
            BasicTable t = single;
            single = null;
            return t;
        }
        try {
            return (BasicTable) reader.read();
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
        return new RuntimeCamelException("Reading the next block of a dolphindb query failed: " + ServerErrors.message(e), e);
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
        if (reader != null && reader.hasNext()) connection.markBroken();
        connection.close();
    }
}
