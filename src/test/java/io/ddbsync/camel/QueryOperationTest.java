package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireTable;
import io.ddbsync.standin.TestCluster;
import com.xxdb.data.BasicTable;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class QueryOperationTest extends DolphinDBTestSupport {
    private final AtomicLong streamedRows = new AtomicLong();
    private final AtomicLong largestBlock = new AtomicLong();
    private final List<WireTable> wireBlocks = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:query").to("dolphindb:src?operation=query&table=mt");
                from("direct:maps").to("dolphindb:src?operation=query&table=mt&columns=sym,qty&outputType=listOfMaps");
                from("direct:stream").routeId("stream")
                        .to("dolphindb:src?operation=query&table=big&outputType=streamList&fetchSize=8192")
                        .split(body()).streaming()
                            .process(e -> {
                                BasicTable block = e.getMessage().getBody(BasicTable.class);
                                streamedRows.addAndGet(block.rows());
                                largestBlock.accumulateAndGet(block.rows(), Math::max);
                            })
                            .to("mock:block")
                        .end();
                from("direct:wire").routeId("wire")
                        .to("dolphindb:src?operation=query&table=big&outputType=wireBlocks&fetchSize=8192")
                        .split(body()).streaming()
                            .process(e -> wireBlocks.add(e.getMessage().getBody(WireTable.class)))
                        .end();
                from("direct:streamFails").routeId("streamFails")
                        .to("dolphindb:src?operation=query&table=big&outputType=streamList")
                        .split(body()).streaming().stopOnException()
                            .throwException(new IllegalStateException("the route gives up after the first block"))
                        .end();
            }
        };
    }

    @Test
    void selectColumnsWhere() throws Exception {
        String db = createTradesTable(src, 3);
        BasicTable t = template.requestBodyAndHeaders("direct:query", null,
                Map.of(DolphinDBConstants.DATABASE, db, DolphinDBConstants.COLUMNS, "qty, price",
                        DolphinDBConstants.WHERE, "Timestamp >= 2024.01.02T00:00:00.000 and sym == `IBM"), BasicTable.class);
        assertEquals(List.of("qty", "price"), List.of(t.getColumnName(0), t.getColumnName(1)));
        // days 2 and 3 hold qty 11..30; IBM is every third row from qty 1, so qty 13, 16, ..., 28
        assertEquals(6, t.rows());
        assertEquals(13, ((com.xxdb.data.BasicInt) t.getColumn("qty").get(0)).getInt());
    }

    @Test
    void listOfMaps() throws Exception {
        String db = createTradesTable(src, 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = template.requestBodyAndHeader("direct:maps", null, DolphinDBConstants.DATABASE, db, List.class);
        assertEquals(10, rows.size());
        assertEquals(Map.of("sym", "IBM", "qty", 1), rows.get(0));
    }

    @Test
    void streamingSplitReadsBlocksOfFetchSizeAndReturnsTheConnection() throws Exception {
        String db = createBigTable(20000);
        MockEndpoint blocks = getMockEndpoint("mock:block");
        blocks.expectedMessageCount(3);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("stream").whenDone(1).create();
        template.sendBodyAndHeader("direct:stream", null, DolphinDBConstants.DATABASE, db);
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        blocks.assertIsSatisfied();
        assertEquals(20000, streamedRows.get());
        assertEquals(8192, largestBlock.get());
        assertEquals(0, pool("src").borrowedCount());
        // the connection is in step: the next call on the pool works
        org.apache.camel.Exchange again = template.request("direct:query", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.TABLE, "big");
        });
        assertEquals(20000L, again.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
    }

    @Test
    void abandonedStreamGivesTheConnectionBack() throws Exception {
        String db = createBigTable(20000);
        for (int i = 0; i < 5; i++) {
            org.apache.camel.Exchange out = template.send("direct:streamFails", e -> e.getMessage().setHeader(DolphinDBConstants.DATABASE, db));
            assertNotNull(out.getException());
        }
        assertEquals(0, pool("src").borrowedCount());
        assertEquals(3, pool("src").availablePermits());
    }

    @Test
    void streamIteratorWithoutSplit() throws Exception {
        String db = createBigTable(9000);
        Object body = template.requestBodyAndHeaders("direct:query", null, Map.of(DolphinDBConstants.DATABASE, db,
                DolphinDBConstants.TABLE, "big", DolphinDBConstants.OUTPUT_TYPE, "streamList"));
        // the exchange is complete, so its on-completion closed the iterator and gave the connection back
        assertInstanceOf(Iterator.class, body);
        assertEquals(0, pool("src").borrowedCount());
    }

    @Test
    void wireBlocksStreamTheRowsStreamListDoesInTheirWireFormAndReturnTheConnection() throws Exception {
        String db = createBigTable(20000);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("wire").whenDone(1).create();
        template.sendBodyAndHeader("direct:wire", null, DolphinDBConstants.DATABASE, db);
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        assertEquals(List.of(8192, 8192, 3616), wireBlocks.stream().map(WireTable::rows).toList());
        assertEquals(0, pool("src").borrowedCount());
        assertEquals(1, pool("src").idleWireCount(), "read to its end, the connection is kept for reuse");
        // the same rows as the API decodes them
        BasicTable all = template.requestBodyAndHeaders("direct:query", null, Map.of(DolphinDBConstants.DATABASE, db, DolphinDBConstants.TABLE, "big"),
                BasicTable.class);
        int row = 0;
        for (WireTable block : wireBlocks) {
            BasicTable decoded = block.toBasicTable();
            assertEquals(List.of("id", "sym", "v"), List.of(decoded.getColumnName(0), decoded.getColumnName(1), decoded.getColumnName(2)));
            for (int r = 0; r < decoded.rows(); r++, row++) {
                for (int c = 0; c < 3; c++) assertEquals(all.getColumn(c).get(row).getString(), decoded.getColumn(c).get(r).getString());
            }
        }
        assertEquals(20000, row);
    }

    @Test
    void wireBlocksAreForQueriesOnly() {
        org.apache.camel.Exchange out = template.request("direct:query", e -> {
            e.getMessage().setHeader(DolphinDBConstants.OPERATION, "script");
            e.getMessage().setHeader(DolphinDBConstants.OUTPUT_TYPE, "wireBlocks");
            e.getMessage().setBody("1 + 1");
        });
        assertNotNull(out.getException());
        assertTrue(out.getException().getMessage().contains("outputType wireBlocks is for query only"), out.getException().getMessage());
    }
}
