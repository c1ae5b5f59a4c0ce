package io.ddbsync.sync.online;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application, in a JVM of its own, runs the real db1-online job once (--once) with the shipped
 * config/application.properties and routes/, pointed at two stand-ins; it is killed with -9 once
 * the ledger shows some partitions verified. Run again, it copies only the others and the target
 * ends equal to the source, row by row.
 */
class OnlineSyncRunnerKilledTest {
    private static final int DAYS = 8;
    private static final int ROWS = 3_000;

    @Test
    void aRunnerKilledMidRunResumesWithTheVerifiedPartitionsSkipped(@TempDir Path work) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second(); TcpProxy proxy = new TcpProxy(dst.host(), dst.port())) {
            // about half a second per partition on the way to the target, so the kill lands in the middle of the run
            proxy.throttle(300_000);
            String db = OnlineSyncTestSupport.createTicks(src, DAYS, ROWS);
            Path state = work.resolve("state");
            Path ledger = state.resolve("online-ledger.txt");
            Path config = testConfiguration(work, src, dst, proxy, db, state);

            Process first = runOnce(work, config);
            List<String> keysAtKill = awaitLedgerKeys(first, ledger, 2);
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            keysAtKill = lines(ledger);
            assertTrue(keysAtKill.size() >= 2 && keysAtKill.size() < DAYS, "killed in the middle of the run: " + keysAtKill);

            Process second = runOnce(work, config);
            StringBuilder out = drain(second);
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run ended");
            assertEquals(0, second.exitValue(), out::toString);

            // exactly the partitions verified before the kill were skipped; the others were copied
            List<String> skipped = out.toString().lines().filter(l -> l.contains("skipped: verified by an earlier run")).toList();
            assertEquals(keysAtKill.size(), skipped.size(), out::toString);
            for (String key : keysAtKill) {
                String path = key.substring(key.lastIndexOf('|') + 1);
                assertTrue(skipped.stream().anyMatch(l -> l.contains(path + " skipped")), path + "\n" + out);
            }
            long copied = out.toString().lines().filter(l -> l.contains(" verified [")).count();
            assertEquals(DAYS - keysAtKill.size(), copied, out::toString);
            assertTrue(out.toString().contains("OK, every partition verified"), out::toString);
            assertEquals(List.of(), lines(ledger), "the verified run's keys left the ledger");
            assertSameRows(src, dst, db);
        }
    }

    /** The shipped configuration with the clusters, the state directory and the job's table and settings pointed at the test. */
    private static Path testConfiguration(Path work, TestCluster src, TestCluster dst, TcpProxy proxy, String db, Path state) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("config/application.properties")));
        lines.add("");
        lines.add("# the test's clusters and job (later keys win)");
        lines.add("dolphindb.clusters.source.sites = " + src.host() + ":" + src.port());
        lines.add("dolphindb.clusters.source.password = " + src.password());
        lines.add("dolphindb.clusters.target.sites = 127.0.0.1:" + proxy.port());
        lines.add("dolphindb.clusters.target.password = " + dst.password());
        lines.add("ddbsync.stateDir = " + state);
        lines.add("jobs.db1.database = " + db);
        lines.add("jobs.db1.targetDatabase = " + db);
        lines.add("jobs.db1.window = all");
        lines.add("jobs.db1-online.parallel = 1");
        lines.add("jobs.db1-online.fetchSize = 8192");
        Path file = work.resolve("application.properties");
        Files.write(file, lines);
        Files.writeString(work.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%msg%n</pattern></encoder></appender>
                  <logger name="io.ddbsync.progress" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return file;
    }

    private static Process runOnce(Path work, Path config) throws IOException {
        // Vert.x (the management server) makes its cache directory under this base; a kill -9 leaves it behind
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dvertx.cacheDirBase=" + work.resolve("vertx-cache"), "-Dddbsync.config=" + config, "-Dlogback.configurationFile=" + work.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName(), "--once", "db1-online");
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<String> awaitLedgerKeys(Process p, Path ledger, int atLeast) throws Exception {
        StringBuilder out = drain(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> keys = lines(ledger);
            if (keys.size() >= atLeast) return keys;
            if (!p.isAlive()) fail("the run ended before it could be killed:\n" + out);
            Thread.sleep(10);
        }
        p.destroyForcibly();
        throw new AssertionError("no partition verified within 60 s:\n" + out);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static StringBuilder drain(Process p) {
        StringBuilder out = new StringBuilder();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return out;
    }

    private static void assertSameRows(TestCluster src, TestCluster dst, String db) throws Exception {
        BasicTable a = select(src, db);
        BasicTable b = select(dst, db);
        assertEquals(DAYS * ROWS, a.rows());
        assertEquals(a.rows(), b.rows(), "rows on both sides (a duplicated or missing row)");
        for (int c = 0; c < a.columns(); c++) {
            for (int r = 0; r < a.rows(); r++) {
                String x = a.getColumn(c).get(r).getString();
                String y = b.getColumn(c).get(r).getString();
                if (!x.equals(y)) fail("row " + r + " column " + a.getColumnName(c) + ": source " + x + ", target " + y);
            }
        }
    }

    private static BasicTable select(TestCluster cluster, String db) throws Exception {
        DBConnection c = cluster.connect();
        try {
            return (BasicTable) c.run("select * from loadTable('" + db + "', 'mt') order by id");
        } finally {
            c.close();
        }
    }
}
