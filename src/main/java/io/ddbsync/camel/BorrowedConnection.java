package io.ddbsync.camel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What both kinds of lease do alike: remember that their connection broke, and give it back to
 * the pool once however often they are closed (a streaming query's completion and its caller may
 * both close it), to be reused, or closed for good when broken.
 *
 * @param <C> the connection: the API's, or one that reads blocks in wire form
 */
abstract class BorrowedConnection<C> implements Lease {
    final ConnectionPool pool;
    /** Replaced by a fresh one when a call finds it closed before sending (PooledConnection). */
    C connection;
    boolean broken;
    private final AtomicBoolean returned = new AtomicBoolean();

    BorrowedConnection(ConnectionPool pool, C connection) {
        this.pool = pool;
        this.connection = connection;
    }

    /** Hands the connection to the pool's idle connections of its kind. */
    abstract void giveBack(C connection, boolean broken);

    @Override
    public void markBroken() {
        broken = true;
    }

    @Override
    public void close() {
        if (returned.compareAndSet(false, true)) giveBack(connection, broken);
    }
}
