package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.PartitionScheme;
import io.ddbsync.standin.value.Casts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.xxdb.data.Entity.DATA_TYPE.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Routing a finer temporal column into coarser partitions gives what converting every value does;
 * reused upload buffers never change a table someone still holds.
 */
class RoutingAndCaptureTest {

    @Test
    void finerTemporalColumnsRouteAsTheirConvertedValues() {
        long day = 86_400_000L;
        long[] ts = {0, 1, day - 1, day, 19_723 * day, 19_723 * day + 5, 19_724 * day - 1, -1, -day, -day - 1, Long.MIN_VALUE,
                19_727 * day, 19_724 * day + 3_600_000, 4_000_000_000_000_000L};
        PartitionScheme days = PartitionScheme.create(PartitionScheme.VALUE, new BasicDateVector(new int[]{19_723, 19_724, 19_725, 0, -1, -2}));
        assertRoutesAsConverted(days, new BasicTimestampVector(ts), DT_DATE);
        long[] nanos = new long[ts.length];
        for (int i = 0; i < ts.length; i++) nanos[i] = ts[i] == Long.MIN_VALUE || Math.abs(ts[i]) > Long.MAX_VALUE / 1_000_000 ? ts[i] : ts[i] * 1_000_000;
        assertRoutesAsConverted(days, new BasicNanoTimestampVector(nanos), DT_DATE);
        int[] seconds = {0, 3599, 3600, -1, 1_704_067_200, 1_704_070_800, Integer.MIN_VALUE};
        PartitionScheme hours = PartitionScheme.create(PartitionScheme.VALUE, new BasicDateHourVector(new int[]{0, 1, -1, 473_352, 473_353}));
        assertRoutesAsConverted(hours, new BasicDateTimeVector(seconds), DT_DATEHOUR);
        assertRoutesAsConverted(days, new BasicDateTimeVector(seconds), DT_DATE);
    }

    private static void assertRoutesAsConverted(PartitionScheme scheme, Vector column, Entity.DATA_TYPE schemeType) {
        int[] expected = scheme.route(Casts.vector(column, schemeType, 0, "partition"));
        assertArrayEquals(expected, scheme.route(column), column.getDataType() + " into " + schemeType);
    }

    @Test
    void reusedUploadBuffersLeaveHeldTablesAlone() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            c.run("d = database('dfs://reuse', VALUE, 0..9)\n"
                    + "d.createPartitionedTable(table(1:0, `k`v`s, [INT, LONG, SYMBOL]), `t, `k)");
            BasicTable kept = block(-1, 50_000);
            c.upload(java.util.Map.of("kept", kept));
            c.run("held = kept");
            for (int w = 0; w < 30; w++) {
                c.run("tableInsert{loadTable('dfs://reuse', 't')}", List.of(block(w, 50_000)));
                if (w % 5 == 0) {
                    System.gc(); // the server is in this JVM: let unreachable uploads go back to the pool
                    Thread.sleep(20);
                }
            }
            BasicTable back = (BasicTable) c.run("held");
            TypesRoundTripTest.assertSameContent(kept, back);
            BasicTable sums = (BasicTable) c.run("select count(*) as n, sum(v) as total from loadTable('dfs://reuse', 't')");
            assertEquals(30 * 50_000, ((Scalar) sums.getColumn("n").get(0)).getNumber().intValue());
            long expected = 0;
            for (int w = 0; w < 30; w++) for (int i = 0; i < 50_000; i++) expected += (long) w * 1_000_000 + i;
            assertEquals(expected, ((Scalar) sums.getColumn("total").get(0)).getNumber().longValue());
            c.close();
        }
    }

    @Test
    void anUploadKeptInAVariableOutlivesItsRequestsBuffer() throws Exception {
        // no garbage collection here: the upload's direct buffer goes back to the pool when its
        // request is over and the next uploads reuse it, so the variable must hold a copy
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            c.run("d = database('dfs://release', VALUE, 0..9)\n"
                    + "d.createPartitionedTable(table(1:0, `k`v`s, [INT, LONG, SYMBOL]), `t, `k)");
            BasicTable kept = block(-1, 50_000);
            c.upload(java.util.Map.of("kept", kept));
            for (int w = 0; w < 10; w++) {
                c.run("tableInsert{loadTable('dfs://release', 't')}", List.of(block(w, 50_000)));
                c.upload(java.util.Map.of("scratch", block(100 + w, 50_000)));
            }
            TypesRoundTripTest.assertSameContent(kept, (BasicTable) c.run("kept"));
            TypesRoundTripTest.assertSameContent(block(109, 50_000), (BasicTable) c.run("scratch"));
            c.close();
        }
    }

    @Test
    void blocksAcrossPartitionBoundariesLandInEach() throws Exception {
        // blocks of 7,000 rows over days of 10,000 rows: most blocks straddle two days
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            int rows = 50_000;
            c.run(io.ddbsync.standin.bench.StandInBenchmark.TickData.createScript("dfs://straddle", "tick", 5));
            for (int start = 0; start < rows; start += 7_000) {
                BasicTable b = io.ddbsync.standin.bench.StandInBenchmark.TickData.block(start, Math.min(7_000, rows - start), rows, 5);
                c.run("tableInsert{loadTable('dfs://straddle', 'tick')}", List.of(b));
            }
            BasicTable perDay = (BasicTable) c.run("select count(*) as n, sum(vol) as v, first(Timestamp) as f from loadTable('dfs://straddle', 'tick') group by date(Timestamp) as d order by d");
            assertEquals(5, perDay.rows());
            for (int d = 0; d < 5; d++) {
                assertEquals(10_000, ((Scalar) perDay.getColumn("n").get(d)).getNumber().intValue());
                long vol = 0;
                for (long r = d * 10_000L; r < (d + 1) * 10_000L; r++) vol += r * 7;
                assertEquals(vol, ((Scalar) perDay.getColumn("v").get(d)).getNumber().longValue());
            }
            BasicTable all = (BasicTable) c.run("select * from loadTable('dfs://straddle', 'tick')");
            TypesRoundTripTest.assertSameContent(io.ddbsync.standin.bench.StandInBenchmark.TickData.block(0, rows, rows, 5), all);
            c.close();
        }
    }

    private static BasicTable block(int w, int n) {
        int[] k = new int[n];
        long[] v = new long[n];
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            k[i] = Math.floorMod(w + i, 10);
            v[i] = (long) w * 1_000_000 + i;
            s.add("s" + (i % 17));
        }
        return new BasicTable(List.of("k", "v", "s"), List.of(new BasicIntVector(k), new BasicLongVector(v), new BasicSymbolVector(s)));
    }
}
