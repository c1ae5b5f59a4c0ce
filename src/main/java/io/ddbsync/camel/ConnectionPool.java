package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireConnection;
import com.xxdb.DBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The connections of one cluster: the API's ({@link PooledConnection}) and the component's own
 * for blocks in wire form ({@link WireLease}). A call borrows one connection for as long as it
 * needs it (a streaming query holds it until its last block is read) and gives it back; one
 * semaphore caps both kinds together at poolSize, and each kind is kept for reuse. New connections go to the first site that answers, starting with the one
 * that worked last, which is the failover across a cluster's sites.
 *
 * We keep our own small pool rather than the API's: ExclusiveDBConnectionPool runs each task on
 * its own worker threads and cannot lend a connection to a caller that reads blocks over many
 * route steps; SimpleDBConnectionPool reconnects forever inside a call. Here every borrow is
 * paired with a give-back in a finally block or an exchange completion, and the counters below
 * let tests prove it.
 */
final class ConnectionPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    /** TLS on one end only shows as a refusal or a broken handshake; these say which setting to check. */
    private static final String TLS_OFF_HINT = " (if the cluster runs with enableHTTPS=true, set ssl=true for it)";
    private static final String TLS_ON_HINT = " (ssl=true for this cluster: does it run with enableHTTPS=true?)";

    private final DolphinDBCluster cluster;
    private final List<DolphinDBCluster.Site> sites;
    private final Semaphore permits;
    /** Idle connections of each kind; the API's check liveness with connected(), ours with isAlive(): both ask for version(). */
    private final Shelf<DBConnection> apiIdle = new Shelf<>((c, stale) -> c.isConnected() && (!stale || c.connected()), DBConnection::close);
    private final Shelf<WireConnection> wireIdle = new Shelf<>((c, stale) -> !c.isBroken() && (!stale || c.isAlive()), WireConnection::close);
    private final AtomicInteger borrowed = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();
    private volatile int preferredSite;
    private volatile boolean closed;

    ConnectionPool(DolphinDBCluster cluster) {
        this.cluster = cluster;
        this.sites = cluster.siteList();
        if (cluster.getPoolSize() < 1) throw new IllegalArgumentException("Cluster '" + cluster.getName() + "' needs poolSize >= 1");
        this.permits = new Semaphore(cluster.getPoolSize(), true);
    }

    /** A connection for the caller alone; close the lease to give it back. */
    PooledConnection borrow() throws IOException {
        return new PooledConnection(this, lend(apiIdle, this::openApi));
    }

    /**
     * A plain connection that reads query results in wire form ({@link WireConnection}), for the
     * caller alone and under the same poolSize; close the lease to give it back. A cluster reached
     * over TLS has none: the API's connections read it.
     */
    WireLease borrowWire() throws IOException {
        if (cluster.isSsl()) {
            throw new IOException("Cluster '" + cluster.getName() + "' is reached over TLS (ssl=true), and blocks in wire form are read over"
                    + " plain connections only: read it with outputType streamList");
        }
        return new WireLease(this, lend(wireIdle, site -> openWire(cluster, site)));
    }

    /** Waits for a permit, then takes an idle connection of the kind or opens one; the permit goes back if that fails. */
    private <C> C lend(Shelf<C> shelf, SiteConnector<C> connector) throws IOException {
        if (closed) throw new IOException("The connection pool of cluster '" + cluster.getName() + "' is closed");
        try {
            if (!permits.tryAcquire(cluster.getBorrowTimeout(), TimeUnit.MILLISECONDS)) {
                throw new IOException("No free connection to cluster '" + cluster.getName() + "' within " + cluster.getBorrowTimeout()
                        + " ms: all " + cluster.getPoolSize() + " are in use (raise poolSize?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for a connection to cluster '" + cluster.getName() + "'", e);
        }
        try {
            C c = shelf.take();
            if (c == null) c = firstSite(connector);
            borrowed.incrementAndGet();
            return c;
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Whether an idle connection may be lent: {@code stale} when it has been idle for validateAfterIdle or longer. */
    private interface Usable<C> {
        boolean test(C connection, boolean stale);
    }

    /** The idle connections of one kind, the last given back lent first. */
    private final class Shelf<C> {
        private record Idle<C>(C connection, long since) {}

        private final Deque<Idle<C>> idle = new ArrayDeque<>();
        private final Usable<C> usable;
        private final Consumer<C> closer;

        Shelf(Usable<C> usable, Consumer<C> closer) {
            this.usable = usable;
            this.closer = closer;
        }

        /** An idle connection that is still usable (those found dead are closed), or null. */
        C take() {
            while (true) {
                Idle<C> i;
                synchronized (this) {
                    if (idle.isEmpty()) return null;
                    i = idle.pop();
                }
                boolean stale = System.currentTimeMillis() - i.since() >= cluster.getValidateAfterIdle();
                if (usable.test(i.connection(), stale)) return i.connection();
                discard(i.connection());
            }
        }

        /** Back from a borrower: kept for reuse, or closed when {@code keep} is false or the pool is closed. */
        void giveBack(C c, boolean keep) {
            borrowed.decrementAndGet();
            try {
                if (keep && !closed) {
                    synchronized (this) {
                        idle.push(new Idle<>(c, System.currentTimeMillis()));
                    }
                } else {
                    discard(c);
                }
            } finally {
                permits.release();
            }
        }

        void discard(C c) {
            discarded.incrementAndGet();
            closer.accept(c);
        }

        synchronized int size() {
            return idle.size();
        }

        void clear() {
            while (true) {
                Idle<C> i;
                synchronized (this) {
                    if (idle.isEmpty()) return;
                    i = idle.pop();
                }
                discard(i.connection());
            }
        }
    }

    /** A new, logged-in connection to the first site that answers. */
    DBConnection open() throws IOException {
        return firstSite(this::openApi);
    }

    private DBConnection openApi(DolphinDBCluster.Site site) throws IOException {
        // (asynchronousTask, useSSL, compress): compress makes the API send table arguments compressed
        DBConnection c = new DBConnection(false, cluster.isSsl(), cluster.isCompress());
        try {
            DBConnection.ConnectConfig config = DBConnection.ConnectConfig.builder()
                    .hostName(site.host()).port(site.port())
                    .connectTimeout(cluster.getConnectTimeout()).readTimeout(cluster.getReadTimeout())
                    .userId(cluster.getUser()).password(cluster.getPassword())
                    .build();
            if (c.connect(config)) return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        // a server with TLS answers a client without it with a TLS alert, which the API takes as a refusal
        throw new IOException(site + " refused the connection" + (cluster.isSsl() ? "" : TLS_OFF_HINT));
    }

    private interface SiteConnector<C> {
        C open(DolphinDBCluster.Site site) throws IOException;
    }

    /** Tries the sites in turn, from the one that answered last: the failover across a cluster's sites. */
    private <C> C firstSite(SiteConnector<C> connector) throws IOException {
        IOException last = null;
        int start = preferredSite;
        for (int i = 0; i < sites.size(); i++) {
            int at = (start + i) % sites.size();
            DolphinDBCluster.Site site = sites.get(at);
            try {
                C c = connector.open(site);
                preferredSite = at;
                opened.incrementAndGet();
                return c;
            } catch (javax.net.ssl.SSLException e) {
                // e.g. "Remote host terminated the handshake": a server without TLS hangs up on a TLS hello
                last = new IOException("TLS failed with " + site + ": " + e.getMessage() + TLS_ON_HINT, e);
            } catch (IOException | RuntimeException e) {
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            LOG.warn("Cannot connect to cluster '{}' at {}: {}", cluster.getName(), site, last.getMessage());
        }
        throw new IOException("Cannot connect to cluster '" + cluster.getName() + "' at any of its sites " + sites + ": "
                + (last == null ? "no site" : last.getMessage()), last);
    }

    /** Back from a borrower: kept for reuse unless it is broken or the pool is closed. */
    void giveBack(DBConnection c, boolean broken) {
        apiIdle.giveBack(c, !broken && c.isConnected());
    }

    /** A new wire connection to one site of the cluster, with the cluster's timeouts and login. */
    static WireConnection openWire(DolphinDBCluster cluster, DolphinDBCluster.Site site) throws IOException {
        return WireConnection.open(cluster.getName(), site.host(), site.port(), cluster.getConnectTimeout(), cluster.getReadTimeout(),
                cluster.getUser(), cluster.getPassword());
    }

    /** Back from a wire borrower: kept for reuse when all its blocks were read and nothing failed. */
    void giveBack(WireConnection c, boolean broken) {
        wireIdle.giveBack(c, !broken && !c.isBroken());
    }

    void discard(DBConnection c) {
        apiIdle.discard(c);
    }

    DolphinDBCluster cluster() {
        return cluster;
    }

    /** Connections lent out right now. */
    int borrowedCount() {
        return borrowed.get();
    }

    int idleCount() {
        return apiIdle.size() + wireIdle.size();
    }

    /** Idle connections that read blocks in wire form. */
    int idleWireCount() {
        return wireIdle.size();
    }

    /** Connections a borrower could get right now without waiting. */
    int availablePermits() {
        return permits.availablePermits();
    }

    int openedCount() {
        return opened.get();
    }

    int discardedCount() {
        return discarded.get();
    }

    @Override
    public void close() {
        closed = true;
        apiIdle.clear();
        wireIdle.clear();
    }
}
