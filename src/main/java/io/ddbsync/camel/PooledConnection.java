package io.ddbsync.camel;

import com.xxdb.DBConnection;
import com.xxdb.data.Entity;
import com.xxdb.io.ProgressListener;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection borrowed from a {@link ConnectionPool}. Closing it gives the connection back;
 * a connection whose socket failed (rather than the server answering with an error) is closed
 * instead of reused, because the API may leave such a socket out of step with its replies.
 */
final class PooledConnection implements Lease {
    private static final int PRIORITY = 4;
    private static final int PARALLELISM = 64;

    private final ConnectionPool pool;
    private final AtomicBoolean returned = new AtomicBoolean();
    private DBConnection connection;
    private boolean broken;

    PooledConnection(ConnectionPool pool, DBConnection connection) {
        this.pool = pool;
        this.connection = connection;
    }

    @Override
    public Entity call(String function, List<Entity> args) throws IOException {
        return run(c -> c.run(function, args));
    }

    /** Like {@link #call}, but a table result comes back in blocks of fetchSize rows (an EntityBlockReader). */
    Entity callStreaming(String function, List<Entity> args, int fetchSize) throws IOException {
        return run(c -> c.run(function, args, PRIORITY, PARALLELISM, fetchSize));
    }

    /** Runs script text; the session's variables are cleared afterwards so the next borrower starts clean. */
    Entity script(String text) throws IOException {
        return run(c -> c.run(text, (ProgressListener) null, PRIORITY, PARALLELISM, 0, true));
    }

    private interface Request {
        Entity send(DBConnection c) throws IOException;
    }

    private Entity run(Request request) throws IOException {
        try {
            return request.send(connection);
        } catch (IOException e) {
            if (ServerErrors.isServerReply(e)) throw e;
            broken = true;
            if (!ServerErrors.wasNotSent(e)) throw e;
            // the socket was found closed before anything was sent (say the server restarted): one fresh try is safe
            pool.discard(connection);
            connection = pool.open();
            broken = false;
            try {
                return request.send(connection);
            } catch (IOException again) {
                if (!ServerErrors.isServerReply(again)) broken = true;
                throw again;
            }
        } catch (RuntimeException e) {
            // the API throws unchecked exceptions when a reply breaks off mid-entity
            broken = true;
            throw e;
        }
    }

    /** The raw connection, for reading the blocks of a streaming reply. */
    DBConnection connection() {
        return connection;
    }

    @Override
    public void markBroken() {
        broken = true;
    }

    @Override
    public void close() {
        if (returned.compareAndSet(false, true)) pool.giveBack(connection, broken);
    }
}
