package io.ddbsync.sync.online;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoints a table's partitions are sent to for every partition or block: the source's query,
 * the target's append and the target's query (the read-back), resolved once a table's run. The
 * partition route's toD takes them as they are ({@code uri: ${exchangeProperty.DdbSyncPartitionAppend}}):
 * Camel sends to an Endpoint without building and normalizing its URI again, which a toD of
 * parameters does for every message (a few per cent of the runner's CPU at 2,000 partitions, JFR).
 * They are the endpoints such a toD resolves: the same URIs, from the context's registry.
 */
record PartitionEndpoints(Endpoint sourceQuery, Endpoint targetAppend, Endpoint targetQuery) {

    static PartitionEndpoints of(CamelContext context, OnlineRun run) {
        OnlineJob job = run.getJob();
        return new PartitionEndpoints(
                query(context, job.getSourceCluster(), run.getSourceDatabase(), run.getSourceTable(), run.getColumns(), job.getFetchSize()),
                endpoint(context, job.getTargetCluster(), options("append", run.getTargetDatabase(), run.getTargetTable())),
                query(context, job.getTargetCluster(), run.getTargetDatabase(), run.getTargetTable(), run.getColumns(), job.getFetchSize()));
    }

    private static Endpoint query(CamelContext context, String cluster, String database, String table, String columns, int fetchSize) {
        Map<String, Object> options = options("query", database, table);
        options.put("columns", columns);
        options.put("fetchSize", fetchSize);
        return endpoint(context, cluster, options);
    }

    private static Map<String, Object> options(String operation, String database, String table) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("operation", operation);
        options.put("database", database);
        options.put("table", table);
        return options;
    }

    private static Endpoint endpoint(CamelContext context, String cluster, Map<String, Object> options) {
        return context.getEndpoint("dolphindb:" + cluster + "?" + URISupport.createQueryString(options));
    }
}
