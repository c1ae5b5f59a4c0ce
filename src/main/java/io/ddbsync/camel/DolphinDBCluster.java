package io.ddbsync.camel;

import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * How to reach one DolphinDB cluster: one or more host:port sites (tried in order, for failover),
 * the login, and the size and timeouts of the component's connection pool for it.
 *
 * Define it once per cluster name, in properties
 * ({@code dolphindb.clusters.<name>.sites=10.0.0.1:8848,10.0.0.2:8848}, {@code .user},
 * {@code .password={{env:SRC_PASSWORD}}}, {@code .poolSize}, {@code .connectTimeout},
 * {@code .readTimeout}, {@code .backupTimeout}, {@code .borrowTimeout}, {@code .validateAfterIdle}, {@code .compress}, {@code .ssl}) or as a registry bean of this type named after the cluster. The password
 * never appears in {@link #toString()}.
 *
 * Properties reach it through Camel's property binding and the configurer Camel's tooling generates
 * for it ({@code @Configurer}): a setting's name in any case or kebab-case, times in milliseconds or
 * as durations ({@code 30s}, {@code 5m}, {@code 12h}), booleans only as true or false.
 */
@Configurer(extended = true)
public class DolphinDBCluster {
    private String name;
    private String sites;
    private String user;
    @Metadata(secret = true, description = "The password of user; shown nowhere (logs, errors, toString).")
    private String password;
    private int poolSize = 4;
    private int connectTimeout = 3000;
    private int readTimeout = DEFAULT_READ_TIMEOUT;
    private long backupTimeout = DEFAULT_BACKUP_TIMEOUT;
    private long borrowTimeout = 30000;
    private long validateAfterIdle = 2000;
    private boolean compress;
    private boolean ssl;

    /**
     * Five minutes: long enough for a server that computes before it answers (a checksum of a big
     * partition sends nothing until it is done), short enough that a silent link is noticed the
     * same hour rather than never.
     */
    public static final int DEFAULT_READ_TIMEOUT = 300_000;
    /** Twelve hours: a backup or restore of a large database answers only when it is done. */
    public static final long DEFAULT_BACKUP_TIMEOUT = 12 * 3_600_000L;

    public DolphinDBCluster() {
    }

    public DolphinDBCluster(String name, String sites, String user, String password) {
        this.name = name;
        this.sites = sites;
        this.user = user;
        this.password = password;
    }

    /** The sites as host and port pairs; fails with a clear message on a malformed entry. */
    public List<Site> siteList() {
        if (sites == null || sites.isBlank()) {
            throw new IllegalArgumentException("Cluster '" + name + "' has no sites (host:port, comma separated)");
        }
        List<Site> out = new ArrayList<>();
        for (String s : sites.split(",")) {
            String site = s.trim();
            int colon = site.lastIndexOf(':');
            try {
                if (colon <= 0) throw new NumberFormatException();
                out.add(new Site(site.substring(0, colon), Integer.parseInt(site.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cluster '" + name + "' has an invalid site '" + site + "': expected host:port");
            }
        }
        return out;
    }

    public record Site(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Comma separated host:port list; connections go to the first that answers. */
    public String getSites() {
        return sites;
    }

    public void setSites(String sites) {
        this.sites = sites;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Most connections open to this cluster at once. */
    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** Milliseconds to wait for a TCP connection to a site. */
    public int getConnectTimeout() {
        return connectTimeout;
    }

    /** Takes a long so that a duration too long for the API's int (25 days and more) is refused, not cut short. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = millis("connectTimeout", connectTimeout);
    }

    /**
     * Milliseconds a call may go without a byte moving either way: the wait for the next bytes of
     * a reply, and for the link to take the next bytes of a request (a watchdog closes the
     * connection of a call silent for that long). Never the total: a slow, healthy copy is not cut.
     * 0 waits for ever (not advised: a silent link then hangs the run).
     */
    public int getReadTimeout() {
        return readTimeout;
    }

    /** Takes a long so that a duration too long for the API's int (25 days and more) is refused, not cut short. */
    public void setReadTimeout(long readTimeout) {
        this.readTimeout = millis("readTimeout", readTimeout);
    }

    private int millis(String setting, long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Cluster '" + name + "' needs " + setting + " from 0 to " + Integer.MAX_VALUE + " (milliseconds, about 24 days), not " + value);
        }
        return (int) value;
    }

    /** Milliseconds a backup or restore call waits for the server's answer (it sends nothing while it works); 0 for ever. */
    public long getBackupTimeout() {
        return backupTimeout;
    }

    public void setBackupTimeout(long backupTimeout) {
        if (backupTimeout < 0) throw new IllegalArgumentException("Cluster '" + name + "' needs backupTimeout >= 0 (milliseconds), not " + backupTimeout);
        this.backupTimeout = backupTimeout;
    }

    /** Milliseconds a call waits for a free connection when all poolSize are in use. */
    public long getBorrowTimeout() {
        return borrowTimeout;
    }

    public void setBorrowTimeout(long borrowTimeout) {
        this.borrowTimeout = borrowTimeout;
    }

    /**
     * Milliseconds after which an idle connection is checked (a version() round trip) before it is
     * lent again, so a server restart or a dropped socket costs a reconnect rather than a failed call.
     */
    public long getValidateAfterIdle() {
        return validateAfterIdle;
    }

    public void setValidateAfterIdle(long validateAfterIdle) {
        this.validateAfterIdle = validateAfterIdle;
    }

    /**
     * Whether tables the runner sends to this cluster (appends) go compressed (the DolphinDB API's
     * compress flag; append picks delta-of-delta for integral and temporal columns, LZ4 for the
     * others). It costs CPU on both ends and saves bandwidth: worth it where the link to the
     * cluster is slower than about 1 Gbit/s, not on a LAN.
     */
    public boolean isCompress() {
        return compress;
    }

    public void setCompress(boolean compress) {
        this.compress = compress;
    }

    /**
     * Whether connections to this cluster use TLS (the DolphinDB API's useSSL; the cluster must run
     * with enableHTTPS=true). Everything sent is then encrypted: scripts, table names, data. The
     * API accepts any certificate the server shows, so TLS keeps the traffic from being read on the
     * way, not from a host that impersonates the server; docs/deployment.md says what to add for that.
     */
    public boolean isSsl() {
        return ssl;
    }

    public void setSsl(boolean ssl) {
        this.ssl = ssl;
    }

    @Override
    public String toString() {
        return "DolphinDBCluster[name=" + name + ", sites=" + sites + ", user=" + user + ", password=" + (password == null ? "null" : "xxxxxx")
                + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", backupTimeout=" + backupTimeout + ", compress=" + compress + ", ssl=" + ssl + "]";
    }
}
