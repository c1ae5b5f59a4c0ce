package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Acknowledged writes survive kill -9; a kill never leaves a torn partition; SIGTERM stops the launcher cleanly. */
class DurabilityTest {
    private static final int PARTITIONS = 4;
    private static final int ROWS_PER_PARTITION_PER_WRITE = 250;

    private static BasicTable block(int write) {
        int n = PARTITIONS * ROWS_PER_PARTITION_PER_WRITE;
        int[] k = new int[n];
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = i % PARTITIONS;
            w[i] = write;
        }
        return new BasicTable(List.of("k", "w"), List.of(new BasicIntVector(k), new BasicIntVector(w)));
    }

    @Test
    void acknowledgedWritesSurviveKillNineAndNoPartitionIsTorn(@TempDir Path data) throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        try (StandInProcess first = StandInProcess.start(data, 0)) {
            DBConnection c = new DBConnection();
            assertTrue(c.connect("127.0.0.1", first.port(), "admin", "123456"));
            c.run("db = database('dfs://durable', VALUE, 0..3)\n"
                    + "db.createPartitionedTable(table(1:0, `k`w, [INT, INT]), `t, `k)");
            AtomicReference<Throwable> writerError = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; ; i++) {
                        c.run("tableInsert{loadTable('dfs://durable', 't')}", List.of(block(i)));
                        acknowledged.set(i);
                    }
                } catch (Throwable e) {
                    writerError.set(e);
                }
            });
            writer.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.get() < 20 && writerError.get() == null && System.nanoTime() < deadline) Thread.sleep(5);
            assertNull(writerError.get(), "writes succeed before the kill");
            assertTrue(acknowledged.get() >= 20, "20 writes acknowledged within a minute");
            first.kill();
            writer.join(10_000);
            assertNotNull(writerError.get(), "the writer saw the server die");
        }
        try (StandInProcess second = StandInProcess.start(data, 0)) {
            DBConnection c = new DBConnection();
            assertTrue(c.connect("127.0.0.1", second.port(), "admin", "123456"));
            BasicTable perPartition = (BasicTable) c.run("select count(*) as n, max(w) as maxw from loadTable('dfs://durable', 't') group by k");
            assertEquals(PARTITIONS, perPartition.rows());
            int acked = acknowledged.get();
            int lastWrite = ((Scalar) perPartition.getColumn("maxw").get(0)).getNumber().intValue();
            for (int p = 0; p < PARTITIONS; p++) {
                int n = ((Scalar) perPartition.getColumn("n").get(p)).getNumber().intValue();
                int maxWrite = ((Scalar) perPartition.getColumn("maxw").get(p)).getNumber().intValue();
                assertEquals(0, n % ROWS_PER_PARTITION_PER_WRITE, "partition " + p + " holds whole writes only");
                assertTrue(maxWrite >= acked, "every acknowledged write is there (partition " + p + ")");
                assertEquals(maxWrite * ROWS_PER_PARTITION_PER_WRITE, n, "no write is missing or doubled in partition " + p);
                assertEquals(lastWrite, maxWrite, "a write spanning several partitions is all there or not at all");
            }
            c.close();
            assertEquals(143, second.terminate(), "SIGTERM ends the launcher through its shutdown hook");
        }
    }
}
