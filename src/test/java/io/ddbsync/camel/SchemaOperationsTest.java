package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchemaOperationsTest extends DolphinDBTestSupport {
    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:schema").to("dolphindb:src?operation=schema&table=mt");
                from("direct:copy")
                        .to("dolphindb:src?operation=query&table=mt")
                        .to("dolphindb:dst?operation=append&table=mt");
            }
        };
    }

    @Test
    void schemaDescribesColumnsPartitioningAndEngine() throws Exception {
        String db = createTradesTable(src, 1);
        TableSchema s = template.requestBodyAndHeader("direct:schema", null, DolphinDBConstants.DATABASE, db, TableSchema.class);
        assertEquals(List.of("Timestamp", "sym", "qty", "price"), s.columnNames());
        assertEquals("TIMESTAMP", s.columns().get(0).typeString());
        assertEquals("VALUE(Timestamp)", s.partitionDescription());
        assertEquals("OLAP", s.engine());
        assertEquals(db, s.database());
    }

    @Test
    void ensureTableCreatesTheTargetThenTheCopyFits() throws Exception {
        String db = createTradesTable(src, 3);
        Exchange out = ensureAndSwitch(db, db, "mt", null);
        assertNull(out.getException());
        assertEquals("created", out.getMessage().getHeader(DolphinDBConstants.TABLE_ACTION));
        Exchange copy = template.request("direct:copy", e -> e.getMessage().setHeader(DolphinDBConstants.DATABASE, db));
        assertNull(copy.getException());
        assertEquals(30L, dst.count(db, "mt"));
        // a second run finds it in place
        assertEquals("unchanged", ensureAndSwitch(db, db, "mt", null).getMessage().getHeader(DolphinDBConstants.TABLE_ACTION));
    }

    @Test
    void ensureTableRenamedWithAColumnSubsetOnTsdbCompo() throws Exception {
        String db = TestCluster.uniqueDb("tsdb");
        src.run("db1 = database('', VALUE, 2024.01.01..2024.01.03); db2 = database('', HASH, [SYMBOL, 3])\n"
                + "db = database(directory='" + db + "', partitionType=COMPO, partitionScheme=[db1, db2], engine='TSDB')\n"
                + "t = table(1:0, `d`sym`qty`note, [DATE, SYMBOL, INT, STRING])\n"
                + "createPartitionedTable(dbHandle=db, table=t, tableName=`mt, partitionColumns=`d`sym, sortColumns=`sym`d)");
        String target = TestCluster.uniqueDb("renamed");
        Exchange out = ensureAndSwitch(db, target, "trades2", "d, sym, qty");
        assertNull(out.getException());
        BasicTable defs = (BasicTable) dst.run("schema(loadTable('" + target + "', 'trades2'))[`colDefs]");
        assertEquals(3, defs.rows());
        assertEquals("TSDB", dst.run("schema(loadTable('" + target + "', 'trades2'))[`engineType]").getString());
        assertEquals("[VALUE,HASH]", dst.run("schema(loadTable('" + target + "', 'trades2'))[`partitionTypeName]").getString());
    }

    @Test
    void ensureTableAddsMissingValuePartitions() throws Exception {
        String db = createTradesTable(src, 1);
        dst.run("db = database('" + db + "', VALUE, 2024.01.01..2024.01.03)\n"
                + "db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE]), `mt, `Timestamp)");
        Exchange out = ensureAndSwitch(db, db, "mt", null);
        assertNull(out.getException());
        assertEquals("addedPartitions", out.getMessage().getHeader(DolphinDBConstants.TABLE_ACTION));
        assertTrue(dst.run("schema(database('" + db + "'))[`partitionSchema]").getString().contains("2024.01.10"));
    }

    @Test
    void ensureTableInAnExistingDatabase() throws Exception {
        String db = createTradesTable(src, 2);
        dst.run("database('" + db + "', VALUE, 2024.01.01..2024.01.02)");
        Exchange out = ensureAndSwitch(db, db, "mt", null);
        assertNull(out.getException());
        assertEquals("created", out.getMessage().getHeader(DolphinDBConstants.TABLE_ACTION));
        assertTrue(dst.run("schema(database('" + db + "'))[`partitionSchema]").getString().contains("2024.01.10"));

        String other = createTradesTable(src, 1);
        dst.run("database('" + other + "', HASH, [TIMESTAMP, 4])");
        String m = AppendOperationTest.failure(ensureAndSwitch(other, other, "mt", null)).getServerMessage();
        assertTrue(m.contains("exists but its partitioning differs"), m);
        assertTrue(m.contains("expected VALUE(Timestamp), target has HASH(Timestamp)"), m);
    }

    @Test
    void ensureTableFailsWithAReadableDiff() throws Exception {
        String db = createTradesTable(src, 1);
        dst.run("db = database('" + db + "', RANGE, 2024.01.01 2024.02.01)\n"
                + "db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, LONG, FLOAT]), `mt, `Timestamp)");
        DolphinDBOperationException e = AppendOperationTest.failure(ensureAndSwitch(db, db, "mt", null));
        String m = e.getServerMessage();
        assertTrue(m.contains("partitioning differs") || m.contains("differs"), m);
        assertTrue(m.contains("expected VALUE(Timestamp), target has RANGE(Timestamp)"), m);

        String db2 = createTradesTable(src, 1);
        dst.run("db = database('" + db2 + "', VALUE, 2024.01.01..2024.01.10)\n"
                + "db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, LONG, FLOAT]), `mt, `Timestamp)");
        String m2 = AppendOperationTest.failure(ensureAndSwitch(db2, db2, "mt", null)).getServerMessage();
        assertTrue(m2.contains("column 3 'qty': expected type INT, target has LONG"), m2);
        assertTrue(m2.contains("column 4 'price': expected type DOUBLE, target has FLOAT"), m2);
    }

    @Test
    void ensureTableNeedsASchemaBody() {
        Exchange out = template.request("dolphindb:dst?operation=ensureTable&database=dfs://x&table=t", e -> e.getMessage().setBody("no schema"));
        assertTrue(AppendOperationTest.failure(out).getMessage().contains("TableSchema"));
    }

    /** Reads the source schema on src, then runs ensureTable on dst for the target names. */
    private Exchange ensureAndSwitch(String sourceDb, String targetDb, String targetTable, String columns) {
        TableSchema source = template.requestBodyAndHeader("direct:schema", null, DolphinDBConstants.DATABASE, sourceDb, TableSchema.class);
        return template.request("dolphindb:dst?operation=ensureTable", e -> {
            e.getMessage().setBody(source);
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, targetDb);
            e.getMessage().setHeader(DolphinDBConstants.TABLE, targetTable);
            if (columns != null) e.getMessage().setHeader(DolphinDBConstants.COLUMNS, columns);
        });
    }
}
