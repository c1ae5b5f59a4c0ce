package io.ddbsync.camel;

import com.xxdb.DBConnection;
import com.xxdb.data.Entity;
import com.xxdb.io.ProgressListener;
import io.ddbsync.camel.wire.ServerErrors;
import io.ddbsync.camel.wire.StallWatchdog;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

/**
 * A connection borrowed from a {@link ConnectionPool}. Closing it gives the connection back;
 * a connection whose socket failed (rather than the server answering with an error) is closed
 * instead of reused, because the API may leave such a socket out of step with its replies.
 *
 * Every call is watched ({@link StallWatchdog}): the API's socket has the cluster's readTimeout
 * as SO_TIMEOUT, which bounds its reads, and the watchdog closes the socket of a call that has not
 * ended within that time, which also ends a write blocked on a silent link. The API does not show
 * its bytes, so a call (one request and its reply, or one block of a streamed reply) is bounded as
 * a whole.
 */
final class PooledConnection extends BorrowedConnection<DBConnection> {
    private static final int PRIORITY = 4;
    private static final int PARALLELISM = 64;

    PooledConnection(ConnectionPool pool, DBConnection connection) {
        super(pool, connection);
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
        return run(request, pool.cluster().getReadTimeout());
    }

    /**
     * Calls that make the server work for long before it answers (a backup, a restore) wait up to
     * {@code boundMillis} for the reply instead of the cluster's readTimeout.
     */
    Entity callAwaiting(String function, List<Entity> args, long boundMillis) throws IOException {
        return run(c -> c.run(function, args), boundMillis);
    }

    private Entity run(Request request, long boundMillis) throws IOException {
        try {
            return attempt(request, boundMillis);
        } catch (IOException e) {
            // a stalled call is not retried: its message says so, not that it was not sent
            if (ServerErrors.isServerReply(e) || !ServerErrors.wasNotSent(e)) throw e;
            // the socket was found closed before anything was sent (say the server restarted): one fresh try is safe
            pool.discard(connection);
            connection = pool.open();
            broken = false;
            return attempt(request, boundMillis);
        }
    }

    /** One try of a call on the connection, watched; a socket failure marks the connection broken. */
    private Entity attempt(Request request, long boundMillis) throws IOException {
        Socket socket = connection.getSocket();
        int readTimeout = pool.cluster().getReadTimeout();
        boolean ownBound = boundMillis != readTimeout && socket != null;
        if (ownBound) socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, boundMillis));
        long started = System.nanoTime();
        try (StallWatchdog.Watch watch = watchdog(boundMillis).watch(socket, () -> started, () -> "sending a request or waiting for its reply")) {
            try {
                Entity result = request.send(connection);
                // the watchdog closed the socket just as the call ended: the result stands, the connection does not
                if (watch.stalled()) broken = true;
                return result;
            } catch (IOException | RuntimeException e) {
                // the API throws unchecked exceptions when a reply breaks off mid-entity
                if (e instanceof IOException && ServerErrors.isServerReply(e)) throw e;
                broken = true;
                if (!watch.stalled() && !StallWatchdog.timedOut(e)) throw e;
                // the API forgets a socket it gave up on without closing it
                if (socket != null) socket.close();
                throw watch.explain(e);
            }
        } finally {
            if (ownBound && !socket.isClosed()) socket.setSoTimeout(readTimeout);
        }
    }

    int readTimeout() {
        return pool.cluster().getReadTimeout();
    }

    /** For this connection's site and cluster, with the given bound. */
    StallWatchdog watchdog(long boundMillis) {
        return new StallWatchdog(pool.cluster().getName(), connection.getHostName() + ":" + connection.getPort(), boundMillis);
    }

    /** The raw connection, for reading the blocks of a streaming reply. */
    DBConnection connection() {
        return connection;
    }

    @Override
    void giveBack(DBConnection c, boolean brokenConnection) {
        pool.giveBack(c, brokenConnection);
    }
}
