package io.ddbsync.camel;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dolphindb} component. An endpoint names a cluster ({@code dolphindb:source?operation=query});
 * the component finds that cluster's connection settings once and keeps one connection pool per
 * cluster, shared by every endpoint that names it and closed when the component stops.
 *
 * A cluster is looked up, in this order, in {@link #getClusters()} (plain Java), as a registry
 * bean of type {@link DolphinDBCluster} named after the cluster, or in properties under
 * {@code <clusterPropertyPrefix>.<name>.} (sites, user, password, poolSize, connectTimeout,
 * readTimeout, backupTimeout, borrowTimeout, validateAfterIdle, compress, ssl), which is how
 * camel-main, Spring Boot and Quarkus configure it; {@link ClusterProperties} binds them.
 * When the component starts, every cluster named in those properties must have its sites and only
 * settings and values a cluster takes, whether a route uses it or not: a setting under a misspelt
 * cluster name ({@code dolphindb.clusters.tgt.readTimeout} for a cluster called target) would
 * otherwise be ignored without a word. A complete cluster no route uses is allowed (a job switched off).
 */
@Component("dolphindb")
public class DolphinDBComponent extends DefaultComponent {
    @Metadata(description = "Default options of every dolphindb endpoint.")
    private DolphinDBConfiguration configuration = new DolphinDBConfiguration();
    @Metadata(label = "advanced", defaultValue = "dolphindb.clusters",
              description = "Where clusters are configured in properties: <prefix>.<cluster>.sites, .user, .password, .poolSize,"
                      + " .connectTimeout, .readTimeout, .backupTimeout, .borrowTimeout, .validateAfterIdle, .compress, .ssl.")
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
        new ClusterProperties(getCamelContext(), clusterPropertyPrefix).checkAll();
        // clusters bound as component options (camel.component.dolphindb.clusters[name].*) are named by their keys
        clusters.forEach((name, cluster) -> {
            if (cluster.getName() == null) cluster.setName(name);
            cluster.siteList();
        });
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
        if (c == null) c = new ClusterProperties(getCamelContext(), clusterPropertyPrefix).find(name).orElse(null);
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
