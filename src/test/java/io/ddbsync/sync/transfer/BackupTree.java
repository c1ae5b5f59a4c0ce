package io.ddbsync.sync.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A backup directory shaped like a DolphinDB copy-files backup of {@code dfs://db1}/{@code mt}:
 * nested partition directories, many small column files, empty files and one large file.
 * Contents are pseudo-random from a fixed seed, so a run is repeatable.
 */
public final class BackupTree {

    private BackupTree() {
    }

    /** About 60 files in 3 levels of directories, 3 empty ones and one of {@code largeBytes}. */
    public static Path write(Path dir, int largeBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(20240101);
        Files.createDirectories(dir);
        file(dir.resolve("db1/domain"), 512, random);
        file(dir.resolve("db1/mt.tbl"), 1200, random);
        for (int day = 1; day <= 6; day++) {
            Path partition = dir.resolve(String.format("db1/202401%02d/mt_2", day));
            for (String column : List.of("Timestamp", "sym", "price", "qty", "side")) {
                file(partition.resolve(column + ".col"), 2000 + random.nextInt(30000), random);
            }
            file(partition.resolve("chunk.dict"), 300, random);
            if (day % 2 == 0) file(partition.resolve(".chunk_meta"), 0, random);
            file(partition.resolve("../mt.meta"), 100 + day, random);
        }
        file(dir.resolve("db1/20240107/mt_2/Timestamp.col"), largeBytes, random);
        file(dir.resolve("db1/20240107/mt_2/empty.col"), 0, random);
        return dir;
    }

    /** Writes {@code count} files of {@code bytes} each, for the benchmark (random data, does not compress). */
    public static Path writeLarge(Path dir, int count, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < count; i++) {
            file(dir.resolve(String.format("db1/202401%02d/mt_2/chunk-%03d.col", i % 28 + 1, i)), bytes, random);
        }
        return dir;
    }

    /** Every regular file under {@code dir} as relative path → bytes. */
    public static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** Relative paths of every regular file under {@code dir}, sorted. */
    public static List<String> files(Path dir) throws IOException {
        return new ArrayList<>(contents(dir).keySet());
    }

    private static void file(Path path, long bytes, SplittableRandom random) throws IOException {
        Files.createDirectories(path.getParent());
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(path.normalize())) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
