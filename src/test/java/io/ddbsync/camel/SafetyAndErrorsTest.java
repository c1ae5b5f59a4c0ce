package io.ddbsync.camel;

import com.xxdb.data.BasicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Name injection, option errors and what an error tells (and never tells). */
class SafetyAndErrorsTest extends DolphinDBTestSupport {
    static final String EVIL_TABLE = "mt\"); dropDatabase(\"dfs://db1\"); (\"";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:any").to("dolphindb:src?operation=query");
            }
        };
    }

    private Exchange call(Map<String, Object> headers) {
        return template.request("direct:any", e -> e.getMessage().getHeaders().putAll(headers));
    }

    @Test
    void injectedTableNameIsRefusedAndNothingRuns() throws Exception {
        src.run("if (!existsDatabase('dfs://db1')) { db = database('dfs://db1', VALUE, 1..3); db.createPartitionedTable(table(1:0, `id`v, [INT, INT]), `mt, `id) }");
        for (String operation : new String[]{"query", "append", "partitions", "stats", "clearPartition", "schema", "backup", "restore", "backupList"}) {
            Exchange out = call(Map.of(DolphinDBConstants.OPERATION, operation, DolphinDBConstants.DATABASE, "dfs://db1",
                    DolphinDBConstants.TABLE, EVIL_TABLE, DolphinDBConstants.PARTITION, "/1", DolphinDBConstants.BACKUP_DIR, "/tmp/bk"));
            DolphinDBOperationException e = AppendOperationTest.failure(out);
            assertTrue(e.getServerMessage().startsWith("Invalid table name 'mt\"); dropDatabase("), operation + ": " + e.getServerMessage());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
        assertTrue(((BasicBoolean) src.run("existsDatabase('dfs://db1')")).getBoolean());
    }

    @Test
    void injectedColumnsPartitionAndDatabaseAreRefused() {
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.DATABASE, "dfs://db1\") dropDatabase(\"dfs://db1",
                DolphinDBConstants.TABLE, "mt"))).getServerMessage().startsWith("Invalid database name"));
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.DATABASE, "dfs://db1", DolphinDBConstants.TABLE, "mt",
                DolphinDBConstants.COLUMNS, "id, 1); dropDatabase('dfs://db1'"))).getServerMessage().startsWith("Invalid column name"));
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.OPERATION, "clearPartition", DolphinDBConstants.DATABASE, "dfs://db1",
                DolphinDBConstants.TABLE, "mt", DolphinDBConstants.PARTITION, "/1\"); dropDatabase(\"dfs://db1"))).getServerMessage()
                .startsWith("Invalid partition path name"));
    }

    @Test
    void badUriOptionsStopTheRouteFromStarting() {
        for (String uri : new String[]{"dolphindb:src?operation=query&table=" + "mt%22)%3B", "dolphindb:src?operation=query&database=db1",
                "dolphindb:src?operation=query&fetchSize=100", "dolphindb:src?table=mt", "dolphindb:nowhere?operation=script",
                "dolphindb:src?operation=launch"}) {
            Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:bad" + uri.hashCode()).to(uri);
                }
            }), uri);
            assertTrue(e instanceof FailedToCreateRouteException || e instanceof org.apache.camel.FailedToStartRouteException, uri + ": " + e);
        }
    }

    @Test
    void unknownClusterSaysHowToConfigureIt() {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:nowhere").to("dolphindb:nowhere?operation=script");
            }
        }));
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        assertTrue(root.getMessage().contains("dolphindb.clusters.nowhere.sites"), root.getMessage());
    }

    @Test
    void aMisspeltClusterSettingIsNamedNotIgnored() {
        // "sll" for "ssl": ignored, the cluster would be reached without TLS
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.typo.sites", "127.0.0.1:1");
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.typo.sll", "true");
        context.getPropertiesComponent().addOverrideProperty("dolphindb.clusters.typo.pool-size", "2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> context.getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("typo"));
        assertTrue(e.getMessage().contains("Unknown setting [dolphindb.clusters.typo.sll] for cluster 'typo'"), e.getMessage());
        assertTrue(e.getMessage().contains("ssl") && e.getMessage().contains("poolSize"), e.getMessage());
    }

    @Test
    void missingOptionsAreNamed() {
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.TABLE, "mt"))).getServerMessage()
                .contains("needs the database option"));
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.OPERATION, "backup", DolphinDBConstants.DATABASE, "dfs://db1")))
                .getServerMessage().contains("needs the backupDir option"));
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.OPERATION, "script", DolphinDBConstants.OUTPUT_TYPE, "streamList")))
                .getServerMessage().contains("script"));
        assertTrue(AppendOperationTest.failure(call(Map.of(DolphinDBConstants.DATABASE, "dfs://db1", DolphinDBConstants.TABLE, "mt",
                DolphinDBConstants.OUTPUT_TYPE, "streamList", DolphinDBConstants.FETCH_SIZE, 100))).getServerMessage().contains("8192"));
    }

    @Test
    void errorCarriesWhereItHappenedAndNeverThePassword() throws Exception {
        Exchange out = call(Map.of(DolphinDBConstants.DATABASE, "dfs://nosuchdb", DolphinDBConstants.TABLE, "mt",
                DolphinDBConstants.WHERE, "id > 1", DolphinDBConstants.PARTITION, "/1"));
        DolphinDBOperationException e = AppendOperationTest.failure(out);
        assertEquals("src", e.getCluster());
        assertEquals("query", e.getOperation());
        assertEquals("dfs://nosuchdb", e.getDatabase());
        assertEquals("mt", e.getTable());
        assertEquals("/1", e.getPartition());
        assertTrue(e.getServerMessage().contains("dfs://nosuchdb"), e.getServerMessage());
        assertTrue(e.getMessage().startsWith("dolphindb:src operation query failed, database=dfs://nosuchdb, table=mt, partition=/1: "), e.getMessage());
        // the password is in none of the places an error or a log line shows
        DolphinDBComponent component = context.getComponent("dolphindb", DolphinDBComponent.class);
        DolphinDBCluster cluster = component.resolveCluster("src");
        assertEquals(src.password(), cluster.getPassword());
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        for (String shown : new String[]{trace.toString(), cluster.toString(), context.getEndpoints().toString()}) {
            assertFalse(shown.contains(src.password()), shown);
        }
    }

    @Test
    void wrongPasswordFailsWithoutShowingIt() throws Exception {
        DolphinDBComponent component = context.getComponent("dolphindb", DolphinDBComponent.class);
        component.addCluster(new DolphinDBCluster("wrongpw", src.host() + ":" + src.port(), "admin", "not-" + SECRET));
        Exchange out = template.request("dolphindb:wrongpw?operation=script", e -> e.getMessage().setBody("1+1"));
        DolphinDBOperationException e = AppendOperationTest.failure(out);
        assertTrue(e.getServerMessage().contains("The user name or password is incorrect"), e.getServerMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void passwordNeverReachesTheLog() throws Exception {
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            template.request("direct:any", e -> e.getMessage().setHeaders(Map.of(DolphinDBConstants.OPERATION, "script", DolphinDBConstants.SCRIPT, "1+1")));
            template.request("direct:any", e -> e.getMessage().setHeaders(Map.of(DolphinDBConstants.DATABASE, "dfs://nosuchdb", DolphinDBConstants.TABLE, "mt")));
            DolphinDBComponent component = context.getComponent("dolphindb", DolphinDBComponent.class);
            component.addCluster(new DolphinDBCluster("down", "127.0.0.1:1", "admin", src.password()));
            template.request("dolphindb:down?operation=script", e -> e.getMessage().setBody("1"));
            lines = logs.lines();
        }
        assertFalse(lines.isEmpty());
        for (String line : lines) assertFalse(line.contains(src.password()), line);
    }
}
