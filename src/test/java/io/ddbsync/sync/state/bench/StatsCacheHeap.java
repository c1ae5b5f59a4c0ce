package io.ddbsync.sync.state.bench;

import io.ddbsync.sync.state.StatsCacheFile;
import org.openjdk.jol.info.GraphLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The stats cache's deep size in memory (JOL's {@code GraphLayout}: the instance and every object it
 * reaches), filled with entries shaped as {@code PartitionOperations} writes them, two a partition:
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-cp %classpath io.ddbsync.sync.state.bench.StatsCacheHeap [partitions=20000,100000]"</pre>
 */
public final class StatsCacheHeap {
    private StatsCacheHeap() {
    }

    public static void main(String[] args) throws Exception {
        String[] counts = (args.length > 0 ? args[0] : "20000,100000").split(",");
        Path dir = Files.createTempDirectory("stats-cache-heap");
        for (String count : counts) {
            int partitions = Integer.parseInt(count.trim());
            StatsCacheFile cache = new StatsCacheFile(dir.resolve("cache-" + partitions + ".bin"));
            cache.start();
            for (int i = 0; i < partitions; i++) {
                cache.setState(key(i, "source"), value(i));
                cache.setState(key(i, "target"), value(i));
            }
            // the instance without its file writer's buffer, which is the same at any size
            cache.stop();
            long total = GraphLayout.parseInstance(cache).totalSize();
            System.out.printf(Locale.ROOT, "%,d partitions, %,d entries: %,d bytes, %.1f bytes an entry%n", partitions, 2 * partitions, total,
                    total / (2.0 * partitions));
        }
    }

    private static String key(int i, String cluster) {
        return String.format(Locale.ROOT, "crc32-text-1|%s|dfs://bench/t%02d|day DATE,sym SYMBOL,qty INT,price DOUBLE,|/2000%05d", cluster, i % 50, i);
    }

    private static String value(int i) {
        return String.format(Locale.ROOT, "%d@%d/500/[%d] 500 %016x%016x", 1000 + i, i % 7, 90_000 + i, i * 31L, i * 17L);
    }
}
