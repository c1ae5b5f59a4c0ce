package io.ddbsync.camel;

import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every operation from a YAML route, as integration teams write them. Backup ones: {@link BackupOperationsTest}. */
class YamlRoutesTest extends DolphinDBTestSupport {
    @BeforeEach
    void loadYamlRoutes() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/dolphindb-operations.yaml"));
    }

    private Exchange send(String route, String db, Object body, Map<String, Object> headers) {
        Exchange out = template.request("direct:" + route, e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().getHeaders().putAll(headers);
            e.getMessage().setBody(body);
        });
        if (out.getException() != null) fail(route, out.getException());
        return out;
    }

    @Test
    void scriptAndQuery() throws Exception {
        assertEquals(3, send("yaml-script", null, "1+2", Map.of()).getMessage().getBody());
        String db = createTradesTable(src, 3);
        Object rows = send("yaml-query", db, null, Map.of()).getMessage().getBody();
        // qty n has sym IBM, MSFT, AAPL for n % 3 == 1, 2, 0
        assertEquals(List.of(Map.of("sym", "MSFT", "qty", 26), Map.of("sym", "AAPL", "qty", 27), Map.of("sym", "IBM", "qty", 28),
                Map.of("sym", "MSFT", "qty", 29), Map.of("sym", "AAPL", "qty", 30)), rows);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlineSyncOfPartitionsVerifiedByStats() throws Exception {
        String db = createTradesTable(src, 3);
        // target table like the source's
        assertEquals("created", send("yaml-ensure", db, null, Map.of()).getMessage().getHeader(DolphinDBConstants.TABLE_ACTION));
        List<Partition> partitions = send("yaml-partitions", db, null, Map.of()).getMessage().getBody(List.class);
        assertEquals(3, partitions.size());
        // copy each partition (twice: clearing first makes it idempotent)
        for (int round = 0; round < 2; round++) {
            for (Partition p : partitions) {
                send("yaml-copy-partition", db, null, Map.of(DolphinDBConstants.PARTITION, p.path(), DolphinDBConstants.WHERE, p.filter()));
            }
        }
        assertEquals(30L, dst.count(db, "mt"));
        List<PartitionStats> source = send("yaml-stats-src", db, null, Map.of()).getMessage().getBody(List.class);
        List<PartitionStats> target = send("yaml-stats-dst", db, null, Map.of()).getMessage().getBody(List.class);
        assertEquals(source.toString(), target.toString());

        // clear one partition on the target, append a row: stats tell which partition differs
        Exchange cleared = send("yaml-clear", db, null, Map.of(DolphinDBConstants.PARTITION, "/20240102"));
        assertEquals(10L, cleared.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        Exchange appended = send("yaml-append", db,
                List.of(Map.of("Timestamp", LocalDateTime.of(2024, 1, 2, 9, 30), "sym", "IBM", "qty", 11, "price", 1.1)), Map.of());
        assertEquals(1L, appended.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        List<PartitionStats> after = send("yaml-stats-dst", db, null, Map.of()).getMessage().getBody(List.class);
        assertTrue(source.get(0).matches(after.get(0)));
        assertFalse(source.get(1).matches(after.get(1)));
        assertEquals(1, after.get(1).rows());
        assertTrue(source.get(2).matches(after.get(2)));
    }
}
