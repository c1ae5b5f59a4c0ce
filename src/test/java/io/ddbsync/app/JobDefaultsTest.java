package io.ddbsync.app;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A job declared in a jobs file by its jobId alone (src/test/resources/jobs/short-jobs.yaml): the
 * templates read every setting from jobs.&lt;jobId&gt;.*. Judged on the clusters themselves: the
 * target table the properties name holds, partition by partition, the source's rows in the window.
 */
class JobDefaultsTest {

    private static final String PER_PARTITION =
            "select count(*) as n, sum(qty) as q, sum(price) as p from loadTable('dfs://quick', '%s') group by date(Timestamp) as d order by d";

    @Test
    void aJobDeclaredByItsIdAloneTakesEverySettingFromItsProperties(@TempDir Path stateDir) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second()) {
            src.run("db = database('dfs://quick', VALUE, 2024.01.01..2024.01.03)\n"
                    + "db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE]), `mt, `Timestamp)\n"
                    + "ts = timestamp(2024.01.01) + (0..299) * 864000\n"
                    + "n = size(ts)\n"
                    + "loadTable('dfs://quick', 'mt').append!(table(ts as Timestamp, take(`IBM`MSFT, n) as sym, 1..n as qty, 0.25 * (1..n) as price))");

            Properties p = SyncRunner.clusters(src, dst);
            p.setProperty("camel.main.routes-include-pattern", "file:routes/*.yaml,classpath:jobs/short-jobs.yaml");
            p.setProperty("ddbsync.stateDir", stateDir.toString());
            p.setProperty("jobs.quick.database", "dfs://quick");
            p.setProperty("jobs.quick.table", "mt");
            p.setProperty("jobs.quick.targetTable", "mt_copy");
            p.setProperty("jobs.quick.window", "2024.01.02..2024.01.03");
            p.setProperty("jobs.quick.parallel", "1");
            p.setProperty("jobs.quick.cron", "0 15 3 * * ?");
            p.setProperty("jobs.quick.enabled", "false");
            try (SyncRunner runner = SyncRunner.start(p)) {
                CamelContext context = runner.context();
                QuartzEndpoint schedule = (QuartzEndpoint) context.getRoute("quick-schedule").getEndpoint();
                assertEquals("0 15 3 * * ?", schedule.getCron());
                assertEquals(ServiceStatus.Stopped, context.getRouteController().getRouteStatus("quick-schedule"));
                runner.run("quick");
            }

            // the window's two days, under the target table the properties name; the first day not copied
            BasicTable a = (BasicTable) src.run(String.format(PER_PARTITION, "mt"));
            BasicTable b = (BasicTable) dst.run(String.format(PER_PARTITION, "mt_copy"));
            assertEquals(3, a.rows());
            assertEquals(2, b.rows());
            for (int col = 0; col < a.columns(); col++) {
                for (int r = 0; r < b.rows(); r++) assertEquals(a.getColumn(col).get(r + 1).getString(), b.getColumn(col).get(r).getString());
            }
        }
    }
}
