package io.ddbsync.app;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A job declared in a jobs file by its jobId alone (src/test/resources/jobs/short-jobs.yaml): the
 * templates read every setting from jobs.&lt;jobId&gt;.*. Judged on the clusters themselves: the
 * target table the properties name holds, partition by partition, the source's rows.
 */
class JobDefaultsTest {

    private static final String PER_PARTITION =
            "select count(*) as n, sum(qty) as q, sum(price) as p from loadTable('%s', '%s') group by date(Timestamp) as d order by d";

    @Test
    void aJobDeclaredByItsIdAloneTakesEverySettingFromItsProperties(@TempDir Path stateDir) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second()) {
            DBConnection c = src.connect();
            c.run("db = database('dfs://quick', VALUE, 2024.01.01..2024.01.03)\n"
                    + "t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])\n"
                    + "db.createPartitionedTable(t, `mt, `Timestamp)\n"
                    + "ts = timestamp(2024.01.01) + (0..299) * 864000\n"
                    + "n = size(ts)\n"
                    + "loadTable('dfs://quick', 'mt').append!(table(ts as Timestamp, take(`IBM`MSFT, n) as sym, 1..n as qty, 0.25 * (1..n) as price))");
            c.close();

            Main main = SyncApplication.create(true);
            main.addOverrideProperty("camel.main.routes-include-pattern", "file:routes/*.yaml,classpath:jobs/short-jobs.yaml");
            main.addOverrideProperty("dolphindb.clusters.source.sites", src.host() + ":" + src.port());
            main.addOverrideProperty("dolphindb.clusters.source.password", src.password());
            main.addOverrideProperty("dolphindb.clusters.target.sites", dst.host() + ":" + dst.port());
            main.addOverrideProperty("dolphindb.clusters.target.password", dst.password());
            main.addOverrideProperty("ddbsync.stateDir", stateDir.toString());
            main.addOverrideProperty("jobs.quick.database", "dfs://quick");
            main.addOverrideProperty("jobs.quick.table", "mt");
            main.addOverrideProperty("jobs.quick.targetTable", "mt_copy");
            main.addOverrideProperty("jobs.quick.window", "2024.01.02..2024.01.03");
            main.addOverrideProperty("jobs.quick.parallel", "1");
            main.addOverrideProperty("jobs.quick.cron", "0 15 3 * * ?");
            main.addOverrideProperty("jobs.quick.enabled", "false");
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                QuartzEndpoint schedule = (QuartzEndpoint) context.getRoute("quick-schedule").getEndpoint();
                assertEquals("0 15 3 * * ?", schedule.getCron());
                assertEquals(ServiceStatus.Stopped, context.getRouteController().getRouteStatus("quick-schedule"));
                context.createProducerTemplate().request("direct:quick-run", e -> { });
            } finally {
                main.stop();
            }

            // the window's two days, under the target table the properties name; the first day not copied
            BasicTable a = (BasicTable) query(src, String.format(PER_PARTITION, "dfs://quick", "mt"));
            BasicTable b = (BasicTable) query(dst, String.format(PER_PARTITION, "dfs://quick", "mt_copy"));
            assertEquals(3, a.rows());
            assertEquals(2, b.rows());
            for (int col = 0; col < a.columns(); col++) {
                for (int r = 0; r < b.rows(); r++) assertEquals(a.getColumn(col).get(r + 1).getString(), b.getColumn(col).get(r).getString());
            }
        }
    }

    private static Object query(TestCluster cluster, String script) throws Exception {
        DBConnection c = cluster.connect();
        try {
            return c.run(script);
        } finally {
            c.close();
        }
    }
}
