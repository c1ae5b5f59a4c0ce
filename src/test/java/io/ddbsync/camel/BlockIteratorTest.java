package io.ddbsync.camel;

import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import com.xxdb.io.LittleEndianDataInputStream;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/** The blocks of a streaming query when reading one fails: the exchange fails, the connection does not go back to the pool. */
class BlockIteratorTest extends DolphinDBTestSupport {
    /** A reply announcing blocks whose next one cannot be read: decoding it throws {@code failure}. */
    private static EntityBlockReader replyFailingWith(Error failure) throws IOException {
        // the stream's header: one block of one row, so the reader says it has more
        byte[] header = {1, 0, 0, 0, 1, 0, 0, 0};
        return new EntityBlockReader(new LittleEndianDataInputStream(new ByteArrayInputStream(header))) {
            @Override
            public Entity read() {
                throw failure;
            }
        };
    }

    @Test
    void runningOutOfHeapOnABlockFailsTheReadAndDiscardsTheConnection() throws Exception {
        ConnectionPool pool = pool("src");
        int discarded = pool.discardedCount();
        BlockIterator<?> blocks = BlockIterator.decoded(pool.borrow(), replyFailingWith(new OutOfMemoryError("Java heap space")),
                "dolphindb:src query of dfs://db1/mt where date(Timestamp) = 2024.01.02");
        assertTrue(blocks.hasNext());
        RuntimeCamelException e = assertThrows(RuntimeCamelException.class, blocks::next);
        assertTrue(e.getMessage().contains("Reading the next block of dolphindb:src query of dfs://db1/mt where date(Timestamp) = 2024.01.02 failed: out of heap memory"), e.getMessage());
        assertTrue(e.getMessage().contains("lower parallel or fetchSize"), e.getMessage());
        // the rest of the block is still on that connection: it is closed, not reused
        assertEquals(0, pool.borrowedCount());
        assertEquals(discarded + 1, pool.discardedCount());
        assertFalse(blocks.hasNext());
    }

    @Test
    void aStreamCutByAServerRestartNamesTheClusterTheTableAndTheCondition() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(src.isStandIn(), "restarts the server");
        String db = TestCluster.uniqueDb("stream");
        // about 16 MB: more than the socket buffers hold, so most of the stream is still on the server when it goes
        src.run("db = database('" + db + "', RANGE, 0 2000000)\n"
                + "t = table(1:0, `id`sym`v, [INT, SYMBOL, DOUBLE])\n"
                + "db.createPartitionedTable(t, `big, `id)\n"
                + "loadTable('" + db + "', 'big').append!(table(0..999999 as id, take(`A`B`C, 1000000) as sym, 0.5 * (0..999999) as v))");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cut").to("dolphindb:src?operation=query&outputType=wireBlocks&fetchSize=8192")
                        .split(body()).streaming().stopOnException()
                        .process(e -> {
                            if (e.getProperty(Exchange.SPLIT_INDEX, Integer.class) == 0) src = src.restart();
                        });
            }
        });
        Exchange out = template.request("direct:cut", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.TABLE, "big");
            e.getMessage().setHeader(DolphinDBConstants.WHERE, "id >= 0");
        });
        assertNotNull(out.getException(), "the stream was cut");
        Throwable t = out.getException();
        while (t != null && !(t.getMessage() != null && t.getMessage().startsWith("Reading the next block"))) t = t.getCause();
        assertNotNull(t, () -> "no stream error in " + out.getException());
        assertTrue(t.getMessage().startsWith("Reading the next block of dolphindb:src query of " + db + "/big where id >= 0 failed: "), t.getMessage());
        assertEquals(0, pool("src").borrowedCount());
    }
}
