package io.ddbsync.camel;

import io.ddbsync.camel.wire.ServerErrors;
import org.apache.camel.Exchange;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.DefaultProducer;

/**
 * Dispatches each message to its operation (the CamelDolphinDBOperation header, else the
 * endpoint's operation) and turns every failure into a {@link DolphinDBOperationException} that
 * says where it happened.
 */
public class DolphinDBProducer extends DefaultProducer {
    private ReadOperations reads;
    private WriteOperations writes;
    private PartitionOperations partitions;
    private SchemaOperations schemas;
    private BackupOperations backups;

    public DolphinDBProducer(DolphinDBEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public DolphinDBEndpoint getEndpoint() {
        return (DolphinDBEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // resolves the cluster now, so an unknown cluster stops the route from starting
        ConnectionPool pool = getEndpoint().pool();
        reads = new ReadOperations(pool);
        writes = new WriteOperations(pool);
        StateRepository<String, String> statsCache = getEndpoint().getConfiguration().getStatsCache();
        if (statsCache != null && !getEndpoint().getCamelContext().hasService(statsCache)) {
            // the context starts it (a FileStateRepository reads its file then) and stops it at shutdown,
            // however many endpoints share it
            getEndpoint().getCamelContext().addService(statsCache, true, true);
        }
        partitions = new PartitionOperations(pool, getEndpoint().getCluster(), statsCache);
        schemas = new SchemaOperations(pool);
        backups = new BackupOperations(pool);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DolphinDBEndpoint endpoint = getEndpoint();
        CallOptions o = null;
        try {
            o = new CallOptions(exchange, endpoint.getCluster(), endpoint.getConfiguration());
            if (o.operation == null) throw new IllegalArgumentException("No operation: set the operation option or the CamelDolphinDBOperation header");
            switch (o.operation) {
                case script -> reads.script(o);
                case query -> reads.query(o);
                case append -> writes.append(o);
                case partitions -> partitions.partitions(o);
                case stats -> partitions.stats(o);
                case rememberStats -> partitions.rememberStats(o);
                case clearPartition -> writes.clearPartition(o);
                case schema -> schemas.schema(o);
                case exists -> schemas.exists(o);
                case ensureTable -> schemas.ensureTable(o);
                case backup -> backups.backup(o);
                case restore -> backups.restore(o);
                case restoreDB -> backups.restoreDB(o);
                case backupList -> backups.backupList(o);
                case checkBackup -> backups.checkBackup(o);
                case backupStatus -> backups.backupStatus(o);
            }
        } catch (Exception e) {
            throw failure(exchange, o, e);
        } catch (OutOfMemoryError e) {
            throw failure(exchange, o, HeapShortage.of(e));
        }
    }

    private DolphinDBOperationException failure(Exchange exchange, CallOptions o, Throwable e) {
        String operation = o == null || o.operation == null ? String.valueOf(getEndpoint().getConfiguration().getOperation()) : o.operation.name();
        return new DolphinDBOperationException(exchange, getEndpoint().getCluster(), operation,
                o == null ? null : o.rawDatabase(), o == null ? null : o.rawTable(), o == null ? null : o.rawPartition(),
                ServerErrors.message(e), e);
    }
}
