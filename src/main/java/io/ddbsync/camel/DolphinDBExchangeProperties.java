package io.ddbsync.camel;

/**
 * Exchange properties the component reads (headers are in {@link DolphinDBConstants}, which the
 * component's metadata documents one by one; these are set by routes and beans, not by messages).
 */
public final class DolphinDBExchangeProperties {
    private DolphinDBExchangeProperties() {
    }

    /**
     * Exchange property (not a header): a {@code Map<String, TableSchema>} the route makes for one
     * table's run, in which partitions, stats, append and clearPartition keep the schemas they read,
     * so each is read once, not once per partition and block.
     */
    public static final String SCHEMA_CACHE = "CamelDolphinDBSchemaCache";
}
