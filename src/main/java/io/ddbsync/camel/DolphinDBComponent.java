package io.ddbsync.camel;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code dolphindb} component. An endpoint names a cluster ({@code dolphindb:source?operation=query});
 * the component finds that cluster's connection settings once and keeps one connection pool per
 * cluster, shared by every endpoint that names it and closed when the component stops.
 *
 * A cluster is looked up, in this order, in {@link #getClusters()} (plain Java), as a registry
 * bean of type {@link DolphinDBCluster} named after the cluster, or in properties under
 * {@code <clusterPropertyPrefix>.<name>.} (sites, user, password, poolSize, connectTimeout,
 * readTimeout, backupTimeout, borrowTimeout, validateAfterIdle), which is how camel-main, Spring Boot and Quarkus configure it.
 * When the component starts, every cluster named in those properties must have its sites and only
 * known settings, whether a route uses it or not: a setting under a misspelt cluster name
 * ({@code dolphindb.clusters.tgt.readTimeout} for a cluster called target) would otherwise be
 * ignored without a word. A complete cluster no route uses is allowed (a job switched off).
 */
@Component("dolphindb")
public class DolphinDBComponent extends DefaultComponent {
    @Metadata(description = "Default options of every dolphindb endpoint.")
    private DolphinDBConfiguration configuration = new DolphinDBConfiguration();
    @Metadata(label = "advanced", defaultValue = "dolphindb.clusters",
              description = "Where clusters are configured in properties: <prefix>.<cluster>.sites, .user, .password, .poolSize,"
                      + " .connectTimeout, .readTimeout, .backupTimeout, .borrowTimeout, .validateAfterIdle.")
    private String clusterPropertyPrefix = "dolphindb.clusters";
    @Metadata(label = "advanced", description = "Clusters by name, for configuration from Java.")
    private Map<String, DolphinDBCluster> clusters = new LinkedHashMap<>();
    @Metadata(label = "security", description = "The user for clusters that do not set their own.")
    private String user;
    @Metadata(label = "security", secret = true, description = "The password for clusters that do not set their own.")
    private String password;

    private final Map<String, ConnectionPool> pools = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("A dolphindb endpoint needs a cluster name: dolphindb:<cluster>?operation=...");
        }
        DolphinDBEndpoint endpoint = new DolphinDBEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        // fail when the route starts, not at the first message
        endpoint.validateOptions();
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        checkConfiguredClusters();
    }

    /** Every cluster named in properties has its sites and only settings a cluster takes. */
    private void checkConfiguredClusters() {
        PropertiesComponent pc = getCamelContext().getPropertiesComponent();
        String prefix = clusterPropertyPrefix + ".";
        Map<String, List<String>> keysByCluster = new TreeMap<>();
        for (String key : pc.loadProperties(k -> k.startsWith(prefix)).stringPropertyNames()) {
            int dot = key.indexOf('.', prefix.length());
            if (dot > prefix.length()) keysByCluster.computeIfAbsent(key.substring(prefix.length(), dot), n -> new ArrayList<>()).add(key);
        }
        List<String> complete = keysByCluster.keySet().stream().filter(name -> sites(pc, prefix + name + ".").isPresent()).toList();
        keysByCluster.forEach((name, keys) -> {
            String base = prefix + name + ".";
            if (sites(pc, base).isEmpty()) {
                throw new IllegalArgumentException("Cluster '" + name + "' has settings " + keys.stream().sorted().toList() + " but no "
                        + base + "sites: a misspelt cluster name? The clusters configured are " + complete);
            }
            rejectUnknownSettings(pc, base, name);
        });
    }

    private static Optional<String> sites(PropertiesComponent pc, String base) {
        return property(pc, base, "sites", "sites").filter(v -> !v.isBlank());
    }

    /** The pool of a cluster, created on first use from the cluster's settings. */
    synchronized ConnectionPool pool(String clusterName) {
        ConnectionPool pool = pools.get(clusterName);
        if (pool == null) {
            pool = new ConnectionPool(resolveCluster(clusterName));
            pools.put(clusterName, pool);
        }
        return pool;
    }

    /** A cluster's settings as its endpoints use them (bound, added, or from properties); fails for an unknown name. */
    public DolphinDBCluster resolveCluster(String name) {
        DolphinDBCluster c = clusters.get(name);
        if (c == null) c = getCamelContext().getRegistry().lookupByNameAndType(name, DolphinDBCluster.class);
        if (c == null) c = fromProperties(name);
        if (c == null) {
            throw new IllegalArgumentException("Unknown DolphinDB cluster '" + name + "': set " + clusterPropertyPrefix + "." + name
                    + ".sites (and .user, .password) or bind a DolphinDBCluster bean named '" + name + "'");
        }
        if (c.getName() == null) c.setName(name);
        if (c.getUser() == null) c.setUser(user);
        if (c.getPassword() == null) c.setPassword(password);
        c.siteList();
        return c;
    }

    private DolphinDBCluster fromProperties(String name) {
        PropertiesComponent pc = getCamelContext().getPropertiesComponent();
        String base = clusterPropertyPrefix + "." + name + ".";
        Optional<String> sites = sites(pc, base);
        if (sites.isEmpty()) return null;
        rejectUnknownSettings(pc, base, name);
        DolphinDBCluster c = new DolphinDBCluster();
        c.setName(name);
        c.setSites(sites.get());
        property(pc, base, "user", "user").ifPresent(c::setUser);
        property(pc, base, "password", "password").ifPresent(c::setPassword);
        property(pc, base, "poolSize", "pool-size").map(v -> number(base + "poolSize", v)).ifPresent(v -> c.setPoolSize(v.intValue()));
        property(pc, base, "connectTimeout", "connect-timeout").map(v -> number(base + "connectTimeout", v)).ifPresent(v -> c.setConnectTimeout(v.intValue()));
        property(pc, base, "readTimeout", "read-timeout").map(v -> number(base + "readTimeout", v)).ifPresent(v -> c.setReadTimeout(v.intValue()));
        property(pc, base, "backupTimeout", "backup-timeout").map(v -> number(base + "backupTimeout", v)).ifPresent(c::setBackupTimeout);
        property(pc, base, "borrowTimeout", "borrow-timeout").map(v -> number(base + "borrowTimeout", v)).ifPresent(c::setBorrowTimeout);
        property(pc, base, "validateAfterIdle", "validate-after-idle").map(v -> number(base + "validateAfterIdle", v)).ifPresent(c::setValidateAfterIdle);
        property(pc, base, "compress", "compress").map(v -> bool(base + "compress", v)).ifPresent(c::setCompress);
        property(pc, base, "ssl", "ssl").map(v -> bool(base + "ssl", v)).ifPresent(c::setSsl);
        return c;
    }

    /** Every setting a cluster takes from properties, in both spellings. */
    private static final Set<String> CLUSTER_SETTINGS = Set.of("sites", "user", "password", "poolSize", "pool-size", "connectTimeout",
            "connect-timeout", "readTimeout", "read-timeout", "backupTimeout", "backup-timeout", "borrowTimeout", "borrow-timeout", "validateAfterIdle", "validate-after-idle",
            "compress", "ssl");

    /**
     * A misspelt setting would otherwise be ignored without a word, and some of them matter: a
     * mistyped {@code ssl} sends everything in the clear.
     */
    private static void rejectUnknownSettings(PropertiesComponent pc, String base, String name) {
        List<String> unknown = pc.loadProperties(k -> k.startsWith(base)).stringPropertyNames().stream()
                .map(k -> k.substring(base.length())).filter(k -> !CLUSTER_SETTINGS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown.stream().map(k -> base + k).toList()
                    + " for cluster '" + name + "': a cluster takes " + new TreeSet<>(CLUSTER_SETTINGS.stream()
                    .filter(k -> !k.contains("-")).toList()));
        }
    }

    private static Optional<String> property(PropertiesComponent pc, String base, String camelCase, String kebabCase) {
        Optional<String> v = pc.resolveProperty(base + camelCase);
        return v.isPresent() ? v : pc.resolveProperty(base + kebabCase);
    }

    private static Long number(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Property " + key + " must be a number, not '" + value + "'");
        }
    }

    private static boolean bool(String key, String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("Property " + key + " must be true or false, not '" + value + "'");
    }

    @Override
    protected synchronized void doStop() throws Exception {
        pools.values().forEach(ConnectionPool::close);
        pools.clear();
        super.doStop();
    }

    public DolphinDBConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DolphinDBConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getClusterPropertyPrefix() {
        return clusterPropertyPrefix;
    }

    public void setClusterPropertyPrefix(String clusterPropertyPrefix) {
        this.clusterPropertyPrefix = clusterPropertyPrefix;
    }

    public Map<String, DolphinDBCluster> getClusters() {
        return clusters;
    }

    public void setClusters(Map<String, DolphinDBCluster> clusters) {
        this.clusters = clusters;
    }

    /** Adds a cluster for configuration from Java; its name is the one URIs use. */
    public void addCluster(DolphinDBCluster cluster) {
        clusters.put(cluster.getName(), cluster);
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
}
