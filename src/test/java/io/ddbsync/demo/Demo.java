package io.ddbsync.demo;

import ch.qos.logback.classic.Level;
import com.xxdb.DBConnection;
import io.ddbsync.app.SyncRunner;
import io.ddbsync.standin.StandInServer;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.transfer.EmbeddedSftpServer;
import org.apache.camel.Exchange;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The demo (the README's first command): two stand-in DolphinDB clusters and an embedded SFTP
 * server on this machine, the tutorial's dfs://db1/mt seeded with several days of tick-like rows
 * on the source, and the real application (config/ and routes/) running the jobs of routes/jobs.yaml
 * once each, each over the whole database (mt and two more tables, quotes and trades): offline through
 * the shared-directory leg, offline through the SFTP leg, and online.
 * Prints every run report and exits 0 only if every partition of every run verified.
 *
 * <pre>mvn -q -ntp test-compile exec:java</pre>
 */
public final class Demo {
    private static final int DAYS = 5;
    private static final int ROWS_PER_DAY = 200_000;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.ddbsync.progress")).setLevel(Level.INFO);
        Path work = Path.of("target", "demo").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        System.out.println("dolphindb-sync demo, working in " + work);

        List<RunReport> reports = new ArrayList<>();
        try (TestCluster source = TestCluster.start("DEMO_SOURCE", StandInServer.Options.of(work.resolve("cluster-a")));
             TestCluster target = TestCluster.start("DEMO_TARGET", StandInServer.Options.of(work.resolve("cluster-b")));
             EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(work.resolve("sftp-server")), "demo-password",
                     EmbeddedSftpServer.newRsaKeyPair().getPublic())) {
            System.out.printf("source cluster 127.0.0.1:%d, target cluster 127.0.0.1:%d, SFTP server 127.0.0.1:%d%n",
                    source.port(), target.port(), sftp.port());
            long rows = seed(source);
            System.out.printf("seeded dfs://db1 on the source: mt, quotes and trades, %,d rows over the last %d days%n%n", rows, DAYS);

            Properties p = SyncRunner.clusters(source, target);
            p.setProperty("jobs.db1.window", "last " + DAYS + " days");
            p.setProperty("jobs.db1.backupDir", work.resolve("backup").toString());
            p.setProperty("jobs.db1.sharedRestoreDir", work.resolve("shared").toString());
            p.setProperty("jobs.db1.restoreDir", work.resolve("target-host").toString());
            sftp.putSftpLegSettings(p, work);
            p.setProperty("ddbsync.stateDir", work.resolve("state").toString());
            // every job syncs the whole database, every table of it (offline: the tables in one backup directory per run)
            p.setProperty("jobs.db1-online.tables", "*");
            p.setProperty("jobs.db1.table", "");
            p.setProperty("jobs.db1.targetTable", "");
            p.setProperty("jobs.db1.tables", "*");

            try (SyncRunner runner = SyncRunner.start(p)) {
                for (String job : List.of("db1-offline-shared", "db1-offline-sftp", "db1-online")) {
                    if (runner.context().hasEndpoint("direct:" + job + "-run") == null) {
                        System.out.println("(job " + job + " is not defined in routes/jobs.yaml; skipped)");
                        continue;
                    }
                    System.out.println(">>> running job " + job);
                    Exchange done = runner.run(job);
                    RunReport report = SyncRunner.report(done);
                    if (report != null) {
                        // the run printed its report through the progress log
                        reports.add(report);
                    } else {
                        System.out.println("job " + job + " failed before it started: " + done.getException());
                        reports.add(null);
                    }
                }
            }
        }
        boolean ok = !reports.isEmpty() && reports.stream().allMatch(r -> r != null && r.succeeded());
        System.out.println(ok ? "DEMO OK: every partition of every run verified" : "DEMO FAILED: see the reports above");
        System.exit(ok ? 0 : 1);
    }

    /** The tutorial's table, one VALUE partition a day on its Timestamp column, with tick-like rows, and two more tables beside it. */
    private static long seed(TestCluster source) throws Exception {
        LocalDate today = LocalDate.now();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy.MM.dd");
        String first = today.minusDays(DAYS - 1).format(f);
        DBConnection c = source.connect();
        try {
            c.run("db = database('dfs://db1', VALUE, " + today.minusDays(30).format(f) + ".." + today.plusDays(1).format(f) + ")\n"
                    + "t = table(1:0, `Timestamp`sym`qty`vol`bid`ask`price, [TIMESTAMP, SYMBOL, INT, LONG, DOUBLE, DOUBLE, DOUBLE])\n"
                    + "db.createPartitionedTable(t, `mt, `Timestamp)\n"
                    + "syms = `IBM`MSFT`AAPL`GOOG`AMZN`TSLA`NVDA`META\n"
                    + "for (d in 0.." + (DAYS - 1) + ") {\n"
                    + "    n = " + ROWS_PER_DAY + "\n"
                    + "    day = timestamp(" + first + " + d)\n"
                    + "    bid = 100.0 + (0..(n-1)) % 997 * 0.01\n"
                    + "    rows = table(day + 34200000 + long(0..(n-1)) * 117 as Timestamp, take(syms, n) as sym, (0..(n-1)) % 1000 as qty,\n"
                    + "                 long(0..(n-1)) * 7 as vol, bid as bid, bid + 0.02 as ask, bid + 0.01 as price)\n"
                    + "    tableInsert(loadTable('dfs://db1', 'mt'), rows)\n"
                    + "}\n"
                    // two more tables of the same database, of other schemas, for the online job that syncs it whole
                    + "db.createPartitionedTable(table(1:0, `Timestamp`sym`bid`ask`venue, [TIMESTAMP, SYMBOL, DOUBLE, DOUBLE, STRING]), `quotes, `Timestamp)\n"
                    + "db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, LONG, DOUBLE]), `trades, `Timestamp)\n"
                    + "for (d in 0.." + (DAYS - 1) + ") {\n"
                    + "    n = " + ROWS_PER_DAY / 4 + "\n"
                    + "    day = timestamp(" + first + " + d)\n"
                    + "    tableInsert(loadTable('dfs://db1', 'quotes'), table(day + 34200000 + long(0..(n-1)) * 400 as Timestamp, take(syms, n) as sym,\n"
                    + "                 100.0 + (0..(n-1)) % 89 * 0.01 as bid, 100.05 + (0..(n-1)) % 89 * 0.01 as ask, take(`XNYS`XNAS`BATS, n) as venue))\n"
                    + "    tableInsert(loadTable('dfs://db1', 'trades'), table(day + 34200000 + long(0..(n-1)) * 400 as Timestamp, take(syms, n) as sym,\n"
                    + "                 long((0..(n-1)) % 500) as qty, 100.0 + (0..(n-1)) % 97 * 0.01 as price))\n"
                    + "}");
            long rows = 0;
            for (String table : List.of("mt", "quotes", "trades")) {
                rows += ((com.xxdb.data.Scalar) c.run("exec count(*) from loadTable('dfs://db1', '" + table + "')")).getNumber().longValue();
            }
            return rows;
        } finally {
            c.close();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
