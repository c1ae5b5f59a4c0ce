package io.ddbsync.sync.state;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The run ledger file: a runner that died while it wrote leaves no key that counts by mistake, and
 * runners sharing the file (two repositories on it, as two processes would have) keep each other's
 * keys through adds, removes and rewrites.
 */
class LedgerFileRepositoryTest {
    private static final String FIRST = "db1-online|dfs://db1/mt|all|/20240101|v1|v2";
    private static final String SECOND = "db1-online|dfs://db1/mt|all|/20240103|v1|v2";
    private static final String OTHER = "db2-online|dfs://db2/mt|all|/20240101|v1|v2";

    private static IdempotentRepository ledger(Path file) {
        IdempotentRepository ledger = StateFiles.ledger(file.toString());
        ServiceHelper.startService(ledger);
        return ledger;
    }

    @Test
    void aLastLineWithoutItsLineBreakIsDroppedAndTheNextKeyHasALineOfItsOwn(@TempDir Path dir) throws Exception {
        // a key of partition /12 cut short by a crash reads as the key of partition /1
        Path file = dir.resolve("online-ledger.txt");
        String cutShort = "db1-online|dfs://db1/mt|all|/1";
        Files.writeString(file, FIRST + "\n" + cutShort);
        IdempotentRepository ledger = ledger(file);
        assertTrue(ledger.contains(FIRST), "a complete line counts");
        assertFalse(ledger.contains(cutShort), "a line without its line break may be cut short: it must not count");
        assertTrue(ledger.add(SECOND));
        assertEquals(List.of(FIRST, SECOND), Files.readAllLines(file));

        IdempotentRepository reloaded = ledger(file);
        assertTrue(reloaded.contains(FIRST) && reloaded.contains(SECOND));
        reloaded.remove(FIRST);
        reloaded.remove(SECOND);
        assertEquals(List.of(), Files.readAllLines(file), "no key left: the file is emptied");
    }

    @Test
    void aLedgerOfOnePartLineIsEmptied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        Files.writeString(file, "db1-online|dfs://db1/mt|all|/2024");
        IdempotentRepository ledger = ledger(file);
        assertFalse(ledger.contains("db1-online|dfs://db1/mt|all|/2024"));
        assertEquals("", Files.readString(file));
    }

    @Test
    void twoRepositoriesOnOneFileKeepEachOthersKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state").resolve("online-ledger.txt");
        Files.createDirectories(file.getParent());
        IdempotentRepository a = ledger(file);
        IdempotentRepository b = ledger(file);
        assertTrue(a.add(FIRST));
        assertTrue(b.contains(FIRST), "b sees what a appended");
        assertFalse(b.add(FIRST), "a key is recorded once, whoever records it");
        assertTrue(b.add(SECOND));
        assertTrue(a.remove(FIRST));
        assertTrue(a.contains(SECOND) && b.contains(SECOND), "a's removal kept b's key");
        assertFalse(b.contains(FIRST), "b sees a's removal");
        assertEquals(List.of(FIRST, SECOND, "-" + FIRST), Files.readAllLines(file));
        // the last key removed empties the file (a rewrite); the other repository reads it again
        assertTrue(b.remove(SECOND));
        assertTrue(a.add(FIRST));
        assertTrue(b.contains(FIRST));
        assertFalse(a.contains(SECOND));
        assertEquals(List.of(FIRST), Files.readAllLines(file));
        ServiceHelper.stopService(a, b);
    }

    @Test
    void aLedgerDeletedBetweenOperationsTakesTheNextKeyInANewFile(@TempDir Path dir) throws Exception {
        // the repository keeps the ledger open between operations: a key must never go to a file no longer there
        Path file = dir.resolve("online-ledger.txt");
        IdempotentRepository ledger = ledger(file);
        assertTrue(ledger.add(FIRST));
        Files.delete(file);
        assertTrue(ledger.add(SECOND));
        assertEquals(List.of(SECOND), Files.readAllLines(file));
        assertTrue(ledger(file).contains(SECOND));
        ServiceHelper.stopService(ledger);
    }

    @Test
    void aJobsKeysLeaveTogetherAndOnlyThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        LedgerFileRepository a = (LedgerFileRepository) ledger(file);
        IdempotentRepository b = ledger(file);
        a.add(FIRST);
        b.add(SECOND);
        b.add("db2-online|dfs://db2/mt|all|/20240101|v1|v2");
        assertEquals(2, a.removeStartingWith("db1-online|dfs://db1/mt|"));
        assertFalse(b.contains(FIRST) || b.contains(SECOND));
        assertTrue(b.contains("db2-online|dfs://db2/mt|all|/20240101|v1|v2"), "another job's key stays");
        IdempotentRepository fresh = ledger(file);
        assertFalse(fresh.contains(FIRST) || fresh.contains(SECOND));
        assertTrue(fresh.contains("db2-online|dfs://db2/mt|all|/20240101|v1|v2"));
    }

    @Test
    void theLastKeysLeavingEmptyTheFileForEveryRunnerOnIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        LedgerFileRepository a = (LedgerFileRepository) ledger(file);
        IdempotentRepository b = ledger(file);
        a.add(FIRST);
        b.add(SECOND);
        a.remove(FIRST);
        a.add(FIRST);
        assertEquals(2, a.removeStartingWith("db1-online|dfs://db1/mt|"), "a key added again after a removal counts once");
        assertEquals(List.of(), Files.readAllLines(file), "no key left: the file is rewritten empty, no removal lines");
        assertFalse(b.contains(FIRST) || b.contains(SECOND), "the other runner reads the rewritten file");
        b.add(SECOND);
        assertTrue(a.contains(SECOND));
        assertEquals(1, a.removeStartingWith("db1-online|dfs://db1/mt|"));
        assertFalse(ledger(file).contains(SECOND));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".removed")).toList(), "the removal lines' file is deleted");
        }
    }

    @Test
    void manyWritersOnOneFileAtOnceLoseNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        int writers = 4;
        int keysEach = 3_000;
        List<IdempotentRepository> repositories = new ArrayList<>();
        for (int i = 0; i < writers; i++) repositories.add(ledger(file));
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                IdempotentRepository r = repositories.get(w);
                String job = "job" + w;
                done.add(threads.submit(() -> {
                    // each writer adds its keys and removes every other one, so rewrites happen while the others write
                    for (int k = 0; k < keysEach; k++) assertTrue(r.add(job + "|/" + k));
                    for (int k = 0; k < keysEach; k += 2) assertTrue(r.remove(job + "|/" + k));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            threads.shutdownNow();
        }
        IdempotentRepository fresh = ledger(file);
        for (int w = 0; w < writers; w++) {
            for (int k = 0; k < keysEach; k++) {
                assertEquals(k % 2 == 1, fresh.contains("job" + w + "|/" + k), "job" + w + "|/" + k);
            }
        }
    }

    @Test
    void keysAppendOneToALine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state").resolve("online-ledger.txt");
        IdempotentRepository ledger = ledger(file);
        assertTrue(ledger.add(FIRST));
        assertTrue(ledger.add(SECOND));
        assertFalse(ledger.add(FIRST));
        assertEquals(FIRST + "\n" + SECOND + "\n", Files.readString(file));
        assertThrows(IllegalArgumentException.class, () -> ledger.add("-" + FIRST), "a key must not read as a removal");
    }

    @Test
    void aRewriteKeepsEachKeyStillHeldOnceAndNothingElse(@TempDir Path dir) throws Exception {
        // the repository keeps hashes, not keys: a rewrite takes the keys' text from the file it replaces
        Path file = dir.resolve("online-ledger.txt");
        LedgerFileRepository ledger = (LedgerFileRepository) ledger(file);
        for (int k = 0; k < 3_000; k++) assertTrue(ledger.add("job|/" + k));
        assertTrue(ledger.remove("job|/7"));
        assertTrue(ledger.add("job|/7"), "added again after its removal: one line in the rewritten file");
        for (int k = 10; k < 3_000; k++) assertTrue(ledger.remove("job|/" + k));
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.size() < 5_992, "removal lines outnumbered the keys past 4,096 lines: the file was rewritten, " + lines.size() + " lines");
        // the file read as a log: each key still held once, none removed
        List<String> held = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("-")) assertTrue(held.remove(line.substring(1)), "a removal of a key the file holds: " + line);
            else held.add(line);
        }
        assertEquals(List.of("job|/0", "job|/1", "job|/2", "job|/3", "job|/4", "job|/5", "job|/6", "job|/7", "job|/8", "job|/9"), held.stream().sorted().toList());
        IdempotentRepository fresh = ledger(file);
        for (int k = 0; k < 3_000; k++) assertEquals(k < 10, fresh.contains("job|/" + k), "job|/" + k);
        ledger.clear();
        assertEquals("", Files.readString(file));
        assertFalse(fresh.contains("job|/0"), "cleared for every repository on the file");
    }

    /** What a runner killed at each point of removeStartingWith or of a rewrite leaves; the ledger's lines before the kill. */
    private enum KilledWriter {
        WRITING_THE_REMOVALS(Map.of(".removed", "-" + FIRST + "\n-" + SECOND.substring(0, 20)), ""),
        APPENDING_THEM(Map.of(".removed", "-" + FIRST + "\n-" + SECOND + "\n"), "-" + FIRST + "\n-" + SECOND.substring(0, 20)),
        DELETING_THEM(Map.of(".removed", "-" + FIRST + "\n-" + SECOND + "\n"), "-" + FIRST + "\n-" + SECOND + "\n"),
        REWRITING(Map.of(".tmp", OTHER + "\n" + FIRST.substring(0, 20)), ""),
        BOTH(Map.of(".removed", "-" + FIRST + "\n", ".tmp", ""), "");

        final Map<String, String> leftovers;
        final String appended;

        KilledWriter(Map<String, String> leftovers, String appended) {
            this.leftovers = leftovers;
            this.appended = appended;
        }
    }

    @ParameterizedTest
    @EnumSource(KilledWriter.class)
    void whatAWriterKilledMidOperationLeftIsDeletedAndTheLedgerHoldsOnlyKeysItRecorded(KilledWriter killed, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        Files.writeString(file, FIRST + "\n" + SECOND + "\n" + OTHER + "\n" + killed.appended);
        for (var leftover : killed.leftovers.entrySet()) Files.writeString(dir.resolve("online-ledger.txt" + leftover.getKey()), leftover.getValue());
        Path anotherLedgers = Files.writeString(dir.resolve("online-ledger.txt5.removed"), "-" + OTHER + "\n");

        LedgerFileRepository ledger = (LedgerFileRepository) ledger(file);

        try (var files = Files.list(dir)) {
            assertEquals(List.of("online-ledger.txt", "online-ledger.txt.lock", "online-ledger.txt5.removed"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the leftovers are gone, a file of another ledger is not");
        }
        // a removal line counts once whole: the kill came before it, or after
        boolean firstRemoved = killed.appended.contains("-" + FIRST + "\n");
        boolean secondRemoved = killed.appended.contains("-" + SECOND + "\n");
        assertEquals(!firstRemoved, ledger.contains(FIRST));
        assertEquals(!secondRemoved, ledger.contains(SECOND));
        assertTrue(ledger.contains(OTHER), "the other job's key stays");
        assertFalse(ledger.contains(FIRST.substring(0, 20)) || ledger.contains(SECOND.substring(0, 20)), "no key cut short counts");
        assertEquals("-" + OTHER + "\n", Files.readString(anotherLedgers));

        // the run's end done again: the job's keys leave, the directory stays clean
        assertEquals((firstRemoved ? 0 : 1) + (secondRemoved ? 0 : 1), ledger.removeStartingWith("db1-online|"));
        IdempotentRepository fresh = ledger(file);
        assertFalse(fresh.contains(FIRST) || fresh.contains(SECOND));
        assertTrue(fresh.contains(OTHER));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("online-ledger.txt", "online-ledger.txt.lock", "online-ledger.txt5.removed"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
