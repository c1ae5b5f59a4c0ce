package io.ddbsync.camel;

import com.xxdb.data.Entity;
import io.ddbsync.camel.wire.WireConnection;

import java.io.IOException;
import java.util.List;

/** A {@link WireConnection} borrowed from a {@link ConnectionPool}; closing it gives it back. */
final class WireLease extends BorrowedConnection<WireConnection> {
    WireLease(ConnectionPool pool, WireConnection connection) {
        super(pool, connection);
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
    void giveBack(WireConnection c, boolean brokenConnection) {
        pool.giveBack(c, brokenConnection);
    }
}
