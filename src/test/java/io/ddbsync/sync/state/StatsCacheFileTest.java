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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stats cache's file: what a runner reads at start is the latest value of every key it was given. */
class StatsCacheFileTest {
    @TempDir
    Path dir;

    @Test
    void aRunnerStartingReadsTheLatestValueOfEveryKey() throws Exception {
        Path file = dir.resolve("stats-cache.txt");
        StatsCacheFile cache = new StatsCacheFile(file, 1 << 20);
        cache.start();
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 500; k++) cache.setState("key" + k, "v" + round + " " + k + " 0");
        }
        cache.stop();

        StatsCacheFile again = new StatsCacheFile(file, 1 << 20);
        again.start();
        for (int k = 0; k < 500; k++) assertEquals("v2 " + k + " 0", again.getState("key" + k));
        assertNull(again.getState("key500"));
        again.stop();
    }

    @Test
    void theFileStaysWithinTwiceItsEntriesHoweverOftenTheyChange() throws Exception {
        Path file = dir.resolve("stats-cache.txt");
        long bound = 20_000;
        StatsCacheFile cache = new StatsCacheFile(file, bound);
        cache.start();
        for (int round = 0; round < 200; round++) {
            for (int k = 0; k < 100; k++) cache.setState("key" + k, "version" + round + " 1 ffff");
        }
        cache.stop();

        // 100 entries of about 25 bytes: rewritten whenever the file passed the bound with more replaced lines than live ones
        long size = Files.size(file);
        assertTrue(size <= bound + 2 * 100 * 30, () -> "the file grew to " + size + " bytes");
        StatsCacheFile again = new StatsCacheFile(file, bound);
        again.start();
        for (int k = 0; k < 100; k++) assertEquals("version199 1 ffff", again.getState("key" + k));
        again.stop();
    }

    @Test
    void aRewriteTakesEachKeysTextFromTheFileOnceWithItsValueNow() throws Exception {
        // the cache keeps hashes of its keys, not the keys: a rewrite reads their text from the file it replaces
        Path file = dir.resolve("stats-cache.txt");
        StatsCacheFile cache = new StatsCacheFile(file, 1);
        cache.start();
        for (int k = 0; k < 10; k++) cache.setState("PC1|source|dfs://db/t|a INT,|/k" + k, "v0 " + k + " 00ff");
        cache.setState("PC1|source|dfs://db/t|a INT,|/k3", "v1 3 00ff");
        cache.setState("PC1|source|dfs://db/t|a INT,|/k3", "v0 3 00ff");
        // back to an earlier value, then more lines than twice the entries: rewritten
        for (int i = 0; i < 9; i++) cache.setState("PC1|source|dfs://db/t|a INT,|/k7", "v" + (i + 2) + " 7 00ff");
        cache.stop();
        java.util.List<String> lines = Files.readAllLines(file);
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int k = 0; k < 10; k++) expected.add("PC1|source|dfs://db/t|a INT,|/k" + k + "=" + (k == 7 ? "v10 7 00ff" : "v0 " + k + " 00ff"));
        assertEquals(expected.stream().sorted().toList(), lines.stream().sorted().distinct().toList(), String.join("\n", lines));
        assertTrue(lines.size() < 21, "rewritten: " + lines.size() + " lines");
        StatsCacheFile again = new StatsCacheFile(file, 1);
        again.start();
        assertEquals("v0 3 00ff", again.getState("PC1|source|dfs://db/t|a INT,|/k3"));
        assertEquals("v10 7 00ff", again.getState("PC1|source|dfs://db/t|a INT,|/k7"));
        assertNull(again.getState("PC1|source|dfs://db/t|a INT,|/k10"));
        again.stop();
    }

    @Test
    void aLastLineCutShortByAKilledWriterIsDropped() throws Exception {
        Path file = dir.resolve("stats-cache.txt");
        // a checksum cut short would be a wrong checksum: the line is not used at all
        Files.writeString(file, "a=v1 10 00ff00ff\nb=v1 20 12345678\nc=v1 30 abc", StandardCharsets.UTF_8);
        StatsCacheFile cache = new StatsCacheFile(file, 1 << 20);
        cache.start();
        assertEquals("v1 20 12345678", cache.getState("b"));
        assertNull(cache.getState("c"));
        cache.setState("d", "v1 40 0");
        cache.stop();
        String text = Files.readString(file);
        assertTrue(text.endsWith("\n"), text);
        assertEquals(java.util.List.of("a=v1 10 00ff00ff", "b=v1 20 12345678", "d=v1 40 0"), text.lines().sorted().toList(),
                "the next entry does not join the cut line");
    }

    @Test
    void aKeyThatWouldNotReadBackIsRefused() throws Exception {
        StatsCacheFile cache = new StatsCacheFile(dir.resolve("stats-cache.txt"), 1 << 20);
        cache.start();
        assertThrows(IllegalArgumentException.class, () -> cache.setState("a=b", "v"));
        assertThrows(IllegalArgumentException.class, () -> cache.setState("a\nb", "v"));
        assertThrows(IllegalArgumentException.class, () -> cache.setState("a", "v\n1"));
        cache.stop();
    }

    @Test
    void valuesKeptAsBytesComeBackAsTheyWereSetAndAnEqualValueIsNotWrittenAgain() throws Exception {
        Path file = dir.resolve("stats-cache.txt");
        StatsCacheFile cache = new StatsCacheFile(file, 1 << 20);
        cache.start();
        String value = "c0ffee@3/12/7,8 12 0123456789abcdef0123456789abcdef \u00e9\u6f22\ud83d\ude00";
        cache.setState("k", value);
        cache.setState("k", new String(value.toCharArray()));
        assertEquals(value, cache.getState("k"));
        cache.stop();
        assertEquals(1, Files.readAllLines(file, StandardCharsets.UTF_8).size(), "an equal value is not appended again");

        StatsCacheFile again = new StatsCacheFile(file, 1 << 20);
        again.start();
        assertEquals(value, again.getState("k"));
        again.stop();
    }

    /**
     * Four threads, as the copy pool's, set and read their own keys (through the table's growth and a
     * rewrite of the file) while the others do: each reads back what it set, and a runner starting
     * reads every key's last value.
     */
    @Test
    void fourThreadsSettingAndGettingAtOnceEachReadTheirOwnValues() throws Exception {
        Path file = dir.resolve("stats-cache.txt");
        StatsCacheFile cache = new StatsCacheFile(file, 1 << 20);
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
        StatsCacheFile again = new StatsCacheFile(file, 1 << 20);
        again.start();
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < keys; k++) assertEquals("2 " + k, again.getState("crc32|t" + t + "|dfs://db/t|/" + k));
        }
        again.stop();
        long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        assertTrue(lines >= 4 * keys && lines <= 2L * 4 * keys, "lines " + lines);
    }
}
