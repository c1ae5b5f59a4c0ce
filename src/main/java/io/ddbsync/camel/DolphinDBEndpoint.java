package io.ddbsync.camel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Query, append, list and checksum partitions, create tables, back up and restore on a DolphinDB cluster. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dolphindb", title = "DolphinDB", syntax = "dolphindb:cluster",
             category = {Category.DATABASE}, producerOnly = true, headersClass = DolphinDBConstants.class)
public class DolphinDBEndpoint extends DefaultEndpoint {
    @UriPath(description = "The cluster's name; its sites and login are configured once, in properties or a DolphinDBCluster bean.")
    @Metadata(required = true)
    private final String cluster;
    @UriParam
    private DolphinDBConfiguration configuration;

    public DolphinDBEndpoint(String uri, DolphinDBComponent component, String cluster, DolphinDBConfiguration configuration) {
        super(uri, component);
        this.cluster = cluster;
        this.configuration = configuration;
    }

    /** Checks the names given in the URI, so a bad one stops the route from starting. */
    void validateOptions() {
        if (configuration.getOperation() == null) throw new IllegalArgumentException("dolphindb:" + cluster + " needs an operation option");
        if (configuration.getDatabase() != null) Names.database(configuration.getDatabase());
        if (configuration.getTable() != null) Names.table(configuration.getTable());
        if (configuration.getOutputDatabase() != null) Names.database(configuration.getOutputDatabase());
        if (configuration.getOutputTable() != null) Names.table(configuration.getOutputTable());
        Names.columns(configuration.getColumns());
        if (configuration.getFetchSize() < 8192) {
            throw new IllegalArgumentException("fetchSize must be at least 8192 (the DolphinDB API's minimum), not " + configuration.getFetchSize());
        }
    }

    @Override
    public Producer createProducer() {
        return new DolphinDBProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The dolphindb component has no consumer; use a timer or quartz route to poll");
    }

    @Override
    public DolphinDBComponent getComponent() {
        return (DolphinDBComponent) super.getComponent();
    }

    ConnectionPool pool() {
        return getComponent().pool(cluster);
    }

    public String getCluster() {
        return cluster;
    }

    public DolphinDBConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DolphinDBConfiguration configuration) {
        this.configuration = configuration;
    }
}
