package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireConnection;
import com.xxdb.data.Entity;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link WireConnection} borrowed from a {@link ConnectionPool}; closing it gives it back. */
final class WireLease implements Lease {
    private final ConnectionPool pool;
    private final WireConnection connection;
    private final AtomicBoolean returned = new AtomicBoolean();
    private boolean broken;

    WireLease(ConnectionPool pool, WireConnection connection) {
        this.pool = pool;
        this.connection = connection;
    }

    /** A call whose arguments may include blocks in wire form, which go as the bytes they are. */
    @Override
    public Entity call(String function, List<Entity> args) throws IOException {
        return connection.call(function, args);
    }

    /** Like {@link PooledConnection#callStreaming}, with the blocks kept in wire form. */
    WireConnection.Blocks callStreaming(String function, List<Entity> args, int fetchSize) throws IOException {
        return connection.stream(function, args, fetchSize);
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
