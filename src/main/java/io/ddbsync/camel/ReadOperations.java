package io.ddbsync.camel;

import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.camel.wire.WireTable;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import java.io.IOException;
import java.util.List;

/** script and query. */
final class ReadOperations {
    private final ConnectionPool pool;

    ReadOperations(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Runs the body (or the script option) and returns Java values, a table, or a List of Maps. */
    void script(CallOptions o) throws Exception {
        String text = o.exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) text = o.script();
        if (text == null || text.isBlank()) throw new IllegalArgumentException("Operation script needs a script in the body or the script option");
        if (o.outputType() == DolphinDBOutputType.streamList || o.outputType() == DolphinDBOutputType.wireBlocks) {
            throw new IllegalArgumentException("outputType " + o.outputType() + " is for query only");
        }
        Entity result;
        try (PooledConnection c = pool.borrow()) {
            result = c.script(text);
        }
        setResult(o, result);
    }

    /**
     * select columns from database/table where ...: the database and table reach the server as
     * arguments; the validated column names and the where expression are the query's text.
     */
    void query(CallOptions o) throws Exception {
        String function = "def(dbUrl, tb) { return " + select(o) + " }";
        List<Entity> args = List.of(new BasicString(o.database()), new BasicString(o.table()));
        DolphinDBOutputType output = o.outputType();
        if (output != DolphinDBOutputType.streamList && output != DolphinDBOutputType.wireBlocks) {
            Entity result;
            try (PooledConnection c = pool.borrow()) {
                result = c.call(function, args);
            }
            setResult(o, result);
            return;
        }
        int fetchSize = o.fetchSize();
        String query = describe(o);
        BlockIterator<?> blocks = output == DolphinDBOutputType.wireBlocks ? wireBlocks(function, args, fetchSize, query) : blocks(function, args, fetchSize, query);
        // like camel-sql's StreamList: the iterator's connection is given back when the exchange is done, however it ends
        o.exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange exchange) {
                blocks.close();
            }
        });
        o.exchange.getMessage().setBody(blocks);
    }

    /** The streamed query in words, for a failure that surfaces while its blocks are read, far from this call. */
    private static String describe(CallOptions o) {
        String where = o.where();
        return "dolphindb:" + o.cluster + " query of " + o.database() + "/" + o.table() + (where == null ? "" : " where " + where);
    }

    private BlockIterator<BasicTable> blocks(String function, List<Entity> args, int fetchSize, String query) throws IOException {
        return streamOn(pool.borrow(), c -> BlockIterator.decoded(c, c.callStreaming(function, args, fetchSize), query));
    }

    private BlockIterator<WireTable> wireBlocks(String function, List<Entity> args, int fetchSize, String query) throws IOException {
        return streamOn(pool.borrowWire(), c -> BlockIterator.wire(c, c.callStreaming(function, args, fetchSize), query));
    }

    private interface StreamStart<L extends Lease, T> {
        BlockIterator<T> start(L lease) throws IOException;
    }

    /** Starts a streaming query on a borrowed connection; the iterator gives it back, or this does when the query cannot start. */
    private static <L extends Lease, T> BlockIterator<T> streamOn(L lease, StreamStart<L, T> query) throws IOException {
        try {
            return query.start(lease);
        } catch (Exception | Error e) {
            lease.close();
            throw e;
        }
    }

    private static String select(CallOptions o) {
        List<String> columns = o.columns();
        String where = o.where();
        return "select " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " from loadTable(dbUrl, tb)"
                + (where == null ? "" : " where " + where);
    }

    private static void setResult(CallOptions o, Entity result) {
        if (result instanceof BasicTable t) {
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, (long) t.rows());
            o.exchange.getMessage().setBody(JavaValues.table(t, o.outputType()));
        } else {
            o.exchange.getMessage().setBody(JavaValues.of(result));
        }
    }
}
