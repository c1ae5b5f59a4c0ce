package io.ddbsync.camel;

import io.ddbsync.camel.wire.WireTable;
import com.xxdb.data.*;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AppendOperationTest extends DolphinDBTestSupport {
    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:append").to("dolphindb:src?operation=append&table=mt");
            }
        };
    }

    private Exchange append(String db, Object body) {
        return template.request("direct:append", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setBody(body);
        });
    }

    @Test
    void appendsABasicTableMatchedByColumnName() throws Exception {
        String db = createTradesTable(src, 1);
        // columns in another order than the table's: matched by name, not by position
        BasicTable t = new BasicTable(List.of("qty", "price", "sym", "Timestamp"), List.of(
                new BasicIntVector(new int[]{100, 200}), new BasicDoubleVector(new double[]{1.25, 2.5}),
                new BasicStringVector(new String[]{"IBM", "ORCL"}),
                new BasicTimestampVector(new long[]{1704189600000L, 1704189601000L})));
        Exchange out = append(db, t);
        assertNull(out.getException());
        assertEquals(2L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(12L, src.count(db, "mt"));
        assertEquals(200, ((Scalar) src.run("exec sum(qty) from loadTable('" + db + "', 'mt') where sym == `ORCL")).getNumber().intValue());
    }

    /** The table as a server sends it, kept in wire form. */
    private static WireTable wire(BasicTable t) throws Exception {
        return WireTable.read(new java.io.ByteArrayInputStream(WireTableTestSupport.written(t)));
    }

    private static BasicTable trades(List<String> names, Vector qty) {
        Map<String, Vector> columns = Map.of("Timestamp", new BasicTimestampVector(new long[]{1704189600000L, 1704189601000L}),
                "sym", new BasicSymbolVector(List.of("IBM", "ORCL")), "qty", qty, "price", new BasicDoubleVector(new double[]{1.25, 2.5}));
        return new BasicTable(names, names.stream().map(columns::get).toList());
    }

    @Test
    void aBlockInWireFormIsWrittenAsItCameOverAConnectionOfItsOwnKind() throws Exception {
        String db = createTradesTable(src, 1);
        Exchange out = append(db, wire(trades(List.of("Timestamp", "sym", "qty", "price"), new BasicIntVector(new int[]{100, 200}))));
        assertNull(out.getException());
        assertEquals(2L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(12L, src.count(db, "mt"));
        assertEquals(200, ((Scalar) src.run("exec sum(qty) from loadTable('" + db + "', 'mt') where sym == `ORCL")).getNumber().intValue());
        assertEquals(1.25, ((Scalar) src.run("exec sum(price) from loadTable('" + db + "', 'mt') where qty == 100")).getNumber().doubleValue());
        assertEquals(1, pool("src").idleWireCount(), "written over a wire connection, which is kept for the next block");
    }

    @Test
    void aBlockInWireFormWithItsColumnsInAnotherOrderIsMatchedByName() throws Exception {
        String db = createTradesTable(src, 1);
        Exchange out = append(db, wire(trades(List.of("qty", "price", "sym", "Timestamp"), new BasicIntVector(new int[]{100, 200}))));
        assertNull(out.getException());
        assertEquals(200, ((Scalar) src.run("exec sum(qty) from loadTable('" + db + "', 'mt') where sym == `ORCL")).getNumber().intValue());
        assertEquals(2.5, ((Scalar) src.run("exec sum(price) from loadTable('" + db + "', 'mt') where qty == 200")).getNumber().doubleValue());
    }

    @Test
    void aBlockInWireFormOfAnotherTypeFailsBeforeWriting() throws Exception {
        String db = createTradesTable(src, 1);
        Exchange out = append(db, wire(trades(List.of("Timestamp", "sym", "qty", "price"), new BasicStringVector(new String[]{"a", "b"}))));
        assertNotNull(out.getException());
        assertTrue(out.getException().getMessage().contains("Column 'qty'") && out.getException().getMessage().contains("INT"),
                out.getException().getMessage());
        assertEquals(10L, src.count(db, "mt"));
    }

    @Test
    void appendsAListOfMaps() throws Exception {
        String db = createTradesTable(src, 1);
        List<Map<String, Object>> rows = List.of(
                Map.of("Timestamp", LocalDateTime.of(2024, 1, 2, 10, 0), "sym", "IBM", "qty", 7, "price", 7.5),
                Map.of("Timestamp", LocalDateTime.of(2024, 1, 3, 10, 0), "sym", "MSFT", "qty", 8));
        Exchange out = append(db, rows);
        assertNull(out.getException());
        assertEquals(2L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        // the missing price is NULL
        assertEquals(1L, ((Scalar) src.run("exec count(*) from loadTable('" + db + "', 'mt') where isNull(price)")).getNumber().longValue());
    }

    @Test
    void appendsAListOfLists() throws Exception {
        String db = createTradesTable(src, 1);
        Exchange out = append(db, List.of(List.of(LocalDateTime.of(2024, 1, 4, 10, 0), "AAPL", 9, 9.5)));
        assertNull(out.getException());
        assertEquals(1L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(11L, src.count(db, "mt"));
    }

    @Test
    void wrongTypeFailsBeforeWritingAndNamesColumnAndTypes() throws Exception {
        String db = createTradesTable(src, 1);
        BasicTable t = new BasicTable(List.of("Timestamp", "sym", "qty", "price"), List.of(
                new BasicTimestampVector(new long[]{1704189600000L}), new BasicStringVector(new String[]{"IBM"}),
                new BasicStringVector(new String[]{"ten"}), new BasicDoubleVector(new double[]{1.0})));
        DolphinDBOperationException e = failure(append(db, t));
        assertTrue(e.getMessage().contains("'qty'") && e.getMessage().contains("INT") && e.getMessage().contains("STRING"), e.getMessage());
        assertEquals(db, e.getDatabase());
        assertEquals("mt", e.getTable());
        assertEquals(10L, src.count(db, "mt"));
    }

    @Test
    void wrongValueInAListOfMapsFailsBeforeWriting() throws Exception {
        String db = createTradesTable(src, 1);
        List<Map<String, Object>> rows = List.of(
                Map.of("Timestamp", LocalDateTime.of(2024, 1, 2, 10, 0), "sym", "IBM", "qty", 7),
                Map.of("Timestamp", LocalDateTime.of(2024, 1, 3, 10, 0), "sym", "MSFT", "qty", "many"));
        DolphinDBOperationException e = failure(append(db, rows));
        assertTrue(e.getMessage().contains("'qty'") && e.getMessage().contains("INT") && e.getMessage().contains("row 2"), e.getMessage());
        assertEquals(10L, src.count(db, "mt"));
    }

    @Test
    void unknownOrMissingColumnsFail() throws Exception {
        String db = createTradesTable(src, 1);
        DolphinDBOperationException unknown = failure(append(db, List.of(Map.of("volume", 1))));
        assertTrue(unknown.getMessage().contains("'volume'"), unknown.getMessage());
        BasicTable missing = new BasicTable(List.of("Timestamp", "sym"), List.of(
                new BasicTimestampVector(new long[]{1704189600000L}), new BasicStringVector(new String[]{"IBM"})));
        DolphinDBOperationException e = failure(append(db, missing));
        assertTrue(e.getMessage().contains("no column 'qty'"), e.getMessage());
        DolphinDBOperationException shortRow = failure(append(db, List.of(List.of(1, 2))));
        assertTrue(shortRow.getMessage().contains("has 2 values"), shortRow.getMessage());
        assertEquals(10L, src.count(db, "mt"));
    }

    @Test
    void unsupportedBodyFails() throws Exception {
        String db = createTradesTable(src, 1);
        assertTrue(failure(append(db, "text")).getMessage().contains("List of Maps"));
    }

    @Test
    void runningOutOfHeapFailsTheExchangeNotTheThread() throws Exception {
        String db = createTradesTable(src, 1);
        // a row whose conversion meets an OutOfMemoryError, as a block too large for the heap would
        Map<String, Object> row = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Entry<String, Object>> entrySet() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        DolphinDBOperationException e = failure(append(db, List.of(row)));
        assertTrue(e.getMessage().contains("out of heap memory") && e.getMessage().contains("lower parallel or fetchSize"), e.getMessage());
        assertEquals(db, e.getDatabase());
        assertInstanceOf(OutOfMemoryError.class, e.getCause().getCause());
        assertEquals(10L, src.count(db, "mt"), "nothing was written");
    }

    static DolphinDBOperationException failure(Exchange out) {
        assertNotNull(out.getException(), "expected the exchange to fail");
        return assertInstanceOf(DolphinDBOperationException.class, out.getException());
    }

    @Test
    void missingTableIsAServerError() {
        DolphinDBOperationException e = assertInstanceOf(DolphinDBOperationException.class,
                assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader("direct:append", List.of(),
                        DolphinDBConstants.DATABASE, "dfs://doesNotExist")).getCause());
        assertEquals("dfs://doesNotExist", e.getDatabase());
        assertNotNull(e.getServerMessage());
    }
}
