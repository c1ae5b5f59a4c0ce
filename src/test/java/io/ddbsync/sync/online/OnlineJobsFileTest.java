package io.ddbsync.sync.online;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application as shipped: config/application.properties and every YAML file in routes/, with
 * only the clusters' addresses, passwords and the state directory pointed at two stand-ins. The
 * tutorial's online job db1-online is scheduled daily at 22:30 and, run once, copies today's
 * partition of dfs://db1/mt.
 */
class OnlineJobsFileTest {

    @Test
    void theTutorialsOnlineJobCopiesTodaysPartition(@TempDir Path stateDir) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second()) {
            // the tutorial's table, a tick every 10 minutes from two days ago to the end of today
            DBConnection c = src.connect();
            c.run("db = database('dfs://db1', VALUE, (today()-6)..today())\n"
                    + "t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])\n"
                    + "db.createPartitionedTable(t, `mt, `Timestamp)\n"
                    + "ts = timestamp(today()-2) + (0..431) * 600000\n"
                    + "n = size(ts)\n"
                    + "loadTable('dfs://db1', 'mt').append!(table(ts as Timestamp, take(`IBM`MSFT`GOOG, n) as sym, 1..n as qty, 0.5 * (1..n) as price))");
            c.close();

            Main main = SyncApplication.create(true);
            main.addOverrideProperty("dolphindb.clusters.source.sites", src.host() + ":" + src.port());
            main.addOverrideProperty("dolphindb.clusters.source.password", src.password());
            main.addOverrideProperty("dolphindb.clusters.target.sites", dst.host() + ":" + dst.port());
            main.addOverrideProperty("dolphindb.clusters.target.password", dst.password());
            main.addOverrideProperty("ddbsync.stateDir", stateDir.toString());
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                // a daily schedule at 22:30, off until enabled (db1-offline syncs the same table)
                QuartzEndpoint schedule = (QuartzEndpoint) context.getRoute("db1-online-schedule").getEndpoint();
                assertEquals("0 30 22 * * ?", schedule.getCron());
                assertEquals(ServiceStatus.Stopped, context.getRouteController().getRouteStatus("db1-online-schedule"));

                Exchange done = context.createProducerTemplate().request("direct:db1-online-run", e -> { });
                RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
                assertTrue(report.succeeded(), report::render);
                String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
                assertEquals(List.of("/" + today), report.partitions().stream().map(RunReport.PartitionResult::path).toList(), report::render);
                assertEquals(144, report.partitions().get(0).targetRows());
            } finally {
                main.stop();
            }

            String todays = "select * from loadTable('dfs://db1', 'mt') where date(Timestamp) = today() order by Timestamp";
            BasicTable a = (BasicTable) query(src, todays);
            BasicTable b = (BasicTable) query(dst, todays);
            assertEquals(144, b.rows());
            for (int col = 0; col < a.columns(); col++) {
                for (int r = 0; r < a.rows(); r++) assertEquals(a.getColumn(col).get(r).getString(), b.getColumn(col).get(r).getString());
            }
            assertEquals(144L, ((com.xxdb.data.Scalar) query(dst, "exec count(*) from loadTable('dfs://db1', 'mt')")).getNumber().longValue());
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
