package io.ddbsync.sync.transfer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transfer's manifest, digest cache and target check hold nothing per file: the shared-directory
 * leg's steps ({@link ManifestMemoryProbe}) run over 30,000 files in a JVM whose heap is too small to
 * hold the manifest's entries in a list, which the control run (the same JVM, holding them as the
 * manifest did before it streamed) proves by running out of memory.
 *
 * <p>Measured on 2026-12-06 with 20,000 files: the leg's steps ran in 7 MB of heap (6 MB is too little
 * for the JVM's logging set-up alone), the entries held in a list needed 13 MB; 30,000 files and 10 MB
 * leave a margin on both sides.
 */
class ManifestMemoryTest {
    private static final int DIRECTORIES = 300;
    private static final int FILES_PER_DIRECTORY = 100;
    /** Enough for the JVM and the walk; the entries of 30,000 files in a list take about 9 MB more. */
    private static final String HEAP = "-Xmx10m";

    @TempDir
    static Path tmp;
    static Path backup;
    static Path restore;

    /** 30,000 small files under 300 partition-like directories; the restore directory holds hard links to half of them. */
    @BeforeAll
    static void thirtyThousandFiles() throws Exception {
        backup = tmp.resolve("backup");
        restore = tmp.resolve("restore");
        for (int d = 0; d < DIRECTORIES; d++) {
            String partition = "db1/" + UUID.nameUUIDFromBytes(("p" + d).getBytes(StandardCharsets.UTF_8)) + "/mt_2/";
            Files.createDirectories(backup.resolve(partition));
            Files.createDirectories(restore.resolve(partition));
            for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                Path file = backup.resolve(partition + "column-" + f + (f % 3 == 0 ? "-x" : ".col"));
                Files.writeString(file, partition + f);
                if (f % 2 == 0) Files.createLink(restore.resolve(partition + file.getFileName()), file);
            }
        }
        Files.writeString(restore.resolve("db1/stray.col"), "not the backup's");
        // lets the files' times fall behind the file system's granularity, so their digests are remembered
        Thread.sleep(2500);
    }

    @Test
    void theLegsStepsOverThirtyThousandFilesFitInASmallHeap() throws Exception {
        Run run = probe("stream");
        int files = DIRECTORIES * FILES_PER_DIRECTORY;
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("ok " + files + " " + files / 2 + " reused " + files), run.output);
        assertEquals(files + 1, countFiles(restore), "the restore directory holds the backup's files and the manifest");
    }

    @Test
    void theHeapIsTooSmallToHoldTheEntriesInAList() throws Exception {
        Run run = probe("hold");
        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("OutOfMemoryError"), run.output);
    }

    private record Run(int exit, String output) {
    }

    private static Run probe(String mode) throws IOException, InterruptedException {
        Path state = tmp.resolve(mode + "-digests.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ManifestMemoryProbe.class.getName(),
                mode, backup.toString(), restore.toString(), state.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        return new Run(p.exitValue(), out);
    }

    private static long countFiles(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
