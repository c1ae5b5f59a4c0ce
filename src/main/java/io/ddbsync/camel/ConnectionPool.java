package io.ddbsync.camel;

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
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final Deque<IdleWire> idleWire = new ArrayDeque<>();
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
        acquire();
        try {
            DBConnection c = takeIdle();
            if (c == null) c = open();
            borrowed.incrementAndGet();
            return new PooledConnection(this, c);
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
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
        acquire();
        try {
            WireConnection c = takeIdleWire();
            if (c == null) c = firstSite(site -> WireConnection.open(cluster, site));
            borrowed.incrementAndGet();
            return new WireLease(this, c);
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void acquire() throws IOException {
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
    }

    private record Idle(DBConnection connection, long since) {}

    private record IdleWire(WireConnection connection, long since) {}

    private DBConnection takeIdle() {
        while (true) {
            Idle i;
            synchronized (idle) {
                if (idle.isEmpty()) return null;
                i = idle.pop();
            }
            DBConnection c = i.connection();
            boolean stale = System.currentTimeMillis() - i.since() >= cluster.getValidateAfterIdle();
            // connected() asks the server for its version(): the API's own liveness check
            if (c.isConnected() && (!stale || c.connected())) return c;
            discard(c);
        }
    }

    /** Like {@link #takeIdle}: a stale one answers version() first (the API's own liveness check). */
    private WireConnection takeIdleWire() {
        while (true) {
            IdleWire i;
            synchronized (idle) {
                if (idleWire.isEmpty()) return null;
                i = idleWire.pop();
            }
            WireConnection c = i.connection();
            boolean stale = System.currentTimeMillis() - i.since() >= cluster.getValidateAfterIdle();
            try {
                if (!stale || c.call("version", List.of()) != null) return c;
            } catch (IOException | RuntimeException e) {
                // gone: a new one is opened
            }
            discarded.incrementAndGet();
            c.close();
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
        borrowed.decrementAndGet();
        try {
            if (broken || closed || !c.isConnected()) {
                discard(c);
            } else {
                synchronized (idle) {
                    idle.push(new Idle(c, System.currentTimeMillis()));
                }
            }
        } finally {
            permits.release();
        }
    }

    /** Back from a wire borrower: kept for reuse when all its blocks were read and nothing failed. */
    void giveBack(WireConnection c, boolean broken) {
        borrowed.decrementAndGet();
        try {
            if (broken || closed || c.isBroken()) {
                discarded.incrementAndGet();
                c.close();
            } else {
                synchronized (idle) {
                    idleWire.push(new IdleWire(c, System.currentTimeMillis()));
                }
            }
        } finally {
            permits.release();
        }
    }

    void discard(DBConnection c) {
        discarded.incrementAndGet();
        c.close();
    }

    DolphinDBCluster cluster() {
        return cluster;
    }

    /** Connections lent out right now. */
    int borrowedCount() {
        return borrowed.get();
    }

    int idleCount() {
        synchronized (idle) {
            return idle.size() + idleWire.size();
        }
    }

    /** Idle connections that read blocks in wire form. */
    int idleWireCount() {
        synchronized (idle) {
            return idleWire.size();
        }
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
        synchronized (idle) {
            while (!idle.isEmpty()) discard(idle.pop().connection());
            while (!idleWire.isEmpty()) {
                discarded.incrementAndGet();
                idleWire.pop().connection().close();
            }
        }
    }
}
