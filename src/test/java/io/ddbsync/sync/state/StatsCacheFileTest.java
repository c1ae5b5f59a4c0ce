package io.ddbsync.sync.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stats cache's file: what a runner reads at start is the latest value of every key it was
 * given, and a file it cannot trust whole is not used at all.
 */
class StatsCacheFileTest {
    @TempDir
    Path dir;

    @Test
    void aRunnerStartingReadsTheLatestValueOfEveryKey() throws Exception {
        Path file = dir.resolve("stats-cache.bin");
        StatsCacheFile cache = new StatsCacheFile(file);
        cache.start();
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 500; k++) cache.setState("key" + k, "v" + round + " " + k + " 0");
        }
        cache.stop();

        StatsCacheFile again = new StatsCacheFile(file);
        again.start();
        for (int k = 0; k < 500; k++) assertEquals("v2 " + k + " 0", again.getState("key" + k));
        assertNull(again.getState("key500"));
        again.stop();
    }

    /**
     * More entries than the heap keeps pending, over several merges and restarts: every key reads
     * its latest value, while the runner runs and after, and the file holds one entry a key however
     * often they change.
     */
    @Test
    void entriesPastWhatTheHeapKeepsAreMergedIntoTheFileOneAKey() throws Exception {
        Path file = dir.resolve("stats-cache.bin");
        int keys = 3 * StatsCacheFile.MIN_PENDING + 123;
        for (int round = 0; round < 3; round++) {
            StatsCacheFile cache = new StatsCacheFile(file);
            cache.start();
            // each round changes every other key, so some keys' latest values are from earlier rounds (and runners)
            for (int k = round == 0 ? 0 : round % 2; k < keys; k += round == 0 ? 1 : 2) cache.setState("key" + k, "v" + round + " " + k + " 00ff");
            for (int k = 0; k < keys; k++) assertEquals(expected(round, k), cache.getState("key" + k), "key" + k + " in round " + round);
            cache.stop();
        }
        long size = Files.size(file);
        StatsCacheFile again = new StatsCacheFile(file);
        again.start();
        for (int k = 0; k < keys; k++) assertEquals(expected(2, k), again.getState("key" + k), "key" + k);
        assertNull(again.getState("key" + keys));
        again.stop();
        // 16 bytes of header, 20 of index and about 12 of value an entry, 4 of CRC: one entry a key
        assertTrue(size <= 16 + (long) keys * (20 + 14) + 4, () -> "the file grew to " + size + " bytes");
        assertTrue(Files.exists(file) && !Files.exists(dir.resolve("stats-cache.bin.tmp")), "no new file left beside it");
    }

    private static String expected(int round, int k) {
        // round 0 set every key, round 1 the odd ones, round 2 the even ones
        int last = round == 0 ? 0 : round == 1 ? (k % 2 == 1 ? 1 : 0) : (k % 2 == 0 ? 2 : 1);
        return "v" + last + " " + k + " 00ff";
    }

    /** A file cut short by a crash, or with a byte changed, would give a partition a wrong checksum: none of it is used. */
    @Test
    void aFileCutShortOrWithAByteChangedIsNotUsedAtAllAndIsReplaced() throws Exception {
        Path file = dir.resolve("stats-cache.bin");
        StatsCacheFile cache = new StatsCacheFile(file);
        cache.start();
        for (int k = 0; k < 100; k++) cache.setState("key" + k, "v1 " + k + " 0123456789abcdef");
        cache.stop();
        byte[] whole = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 7));
        assertNothingRead(file, 100);
        // replaced by the next write: readable again
        StatsCacheFile writer = new StatsCacheFile(file);
        writer.start();
        writer.setState("key0", "v2 0 0123456789abcdef");
        writer.stop();
        StatsCacheFile reader = new StatsCacheFile(file);
        reader.start();
        assertEquals("v2 0 0123456789abcdef", reader.getState("key0"));
        assertNull(reader.getState("key1"), "the entries of the file cut short are gone");
        reader.stop();

        byte[] flipped = whole.clone();
        // a digit of a value (the values come after the header and index)
        flipped[whole.length - 10] ^= 0x01;
        Files.write(file, flipped);
        assertNothingRead(file, 100);

        Files.writeString(file, "key1=v1 1 0123456789abcdef\n", StandardCharsets.UTF_8);
        assertNothingRead(file, 100);
    }

    private static void assertNothingRead(Path file, int keys) throws Exception {
        StatsCacheFile cache = new StatsCacheFile(file);
        cache.start();
        for (int k = 0; k < keys; k++) assertNull(cache.getState("key" + k), "key" + k + " read from a file not to be trusted");
        cache.stop();
    }

    @Test
    void valuesComeBackAsTheyWereSetAndAnEqualValueIsNotWrittenAgain() throws Exception {
        Path file = dir.resolve("stats-cache.bin");
        StatsCacheFile cache = new StatsCacheFile(file);
        cache.start();
        String value = "c0ffee@3/12/7,8 12 0123456789abcdef0123456789abcdef \u00e9\u6f22\ud83d\ude00 = \n";
        cache.setState("k=\n", value);
        cache.stop();
        long modified = Files.getLastModifiedTime(file).toMillis();
        Thread.sleep(20);

        StatsCacheFile again = new StatsCacheFile(file);
        again.start();
        assertEquals(value, again.getState("k=\n"));
        again.setState("k=\n", new String(value.toCharArray()));
        again.stop();
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "an equal value is not written again");
    }

    /**
     * Four threads, as the copy pool's, set and read their own keys (through the table's growth and
     * several merges into the file) while the others do: each reads back what it set, and a runner
     * starting reads every key's last value.
     */
    @Test
    void fourThreadsSettingAndGettingAtOnceEachReadTheirOwnValues() throws Exception {
        Path file = dir.resolve("stats-cache.bin");
        StatsCacheFile cache = new StatsCacheFile(file);
        cache.start();
        int keys = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String thread = "t" + t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (int k = 0; k < keys; k++) {
                            String key = "crc32|" + thread + "|dfs://db/t|/" + k;
                            cache.setState(key, round + " " + k);
                            assertEquals(round + " " + k, cache.getState(key), key);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        cache.stop();
        StatsCacheFile again = new StatsCacheFile(file);
        again.start();
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < keys; k++) assertEquals("2 " + k, again.getState("crc32|t" + t + "|dfs://db/t|/" + k));
        }
        again.stop();
    }
}
