package io.ddbsync.camel;

import com.xxdb.data.Entity;

import java.io.IOException;
import java.util.List;

/**
 * A connection borrowed from a {@link ConnectionPool}: one through the API ({@link PooledConnection})
 * or one that reads and writes blocks in wire form ({@link WireLease}). Closing gives it back,
 * unless it was marked broken, when it is closed for good.
 */
interface Lease extends AutoCloseable {
    /** Calls a server function (a name or a {@code def(...) {...}} text) with typed arguments. */
    Entity call(String function, List<Entity> args) throws IOException;

    /** The connection is out of step with its replies (say a reply was abandoned half read): not to be reused. */
    void markBroken();

    @Override
    void close();
}
