package io.ddbsync.sync;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ledger left by a runner that died while it wrote: a last line without its line break does not
 * count (it may be a key cut short), and the next key goes on a line of its own.
 */
class LedgerFileRepositoryTest {
    private static final String FIRST = "db1-online|dfs://db1/mt|all|/20240101";
    private static final String SECOND = "db1-online|dfs://db1/mt|all|/20240103";

    @Test
    void aLastLineWithoutItsLineBreakIsDroppedAndTheNextKeyHasALineOfItsOwn(@TempDir Path dir) throws Exception {
        // a key of partition /12 cut short by a crash reads as the key of partition /1
        Path file = dir.resolve("online-ledger.txt");
        String cutShort = "db1-online|dfs://db1/mt|all|/1";
        Files.writeString(file, FIRST + "\n" + cutShort);
        FileIdempotentRepository ledger = (FileIdempotentRepository) StateFiles.ledger(file.toString(), 100);
        ledger.start();
        assertTrue(ledger.contains(FIRST), "a complete line counts");
        assertFalse(ledger.contains(cutShort), "a line without its line break may be cut short: it must not count");
        assertTrue(ledger.add(SECOND));
        ledger.stop();
        assertEquals(List.of(FIRST, SECOND), Files.readAllLines(file));

        FileIdempotentRepository reloaded = (FileIdempotentRepository) StateFiles.ledger(file.toString(), 100);
        reloaded.start();
        assertTrue(reloaded.contains(FIRST) && reloaded.contains(SECOND));
        reloaded.remove(FIRST);
        reloaded.remove(SECOND);
        reloaded.stop();
        assertEquals(List.of(), Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
    }

    @Test
    void aLedgerOfOnePartLineIsEmptied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        Files.writeString(file, "db1-online|dfs://db1/mt|all|/2024");
        FileIdempotentRepository ledger = (FileIdempotentRepository) StateFiles.ledger(file.toString(), 100);
        ledger.start();
        assertFalse(ledger.contains("db1-online|dfs://db1/mt|all|/2024"));
        ledger.stop();
        assertEquals("", Files.readString(file));
    }

    @Test
    void camelsOwnRepositoryGluesTheKeysTogether(@TempDir Path dir) throws Exception {
        // why LedgerFileRepository exists: the same file through Camel's repository
        Path file = dir.resolve("online-ledger.txt");
        Files.writeString(file, FIRST);
        FileIdempotentRepository camel = new FileIdempotentRepository();
        camel.setFileStore(file.toFile());
        camel.start();
        camel.add(SECOND);
        camel.stop();
        assertEquals(List.of(FIRST + SECOND), Files.readAllLines(file));
    }

    @Test
    void keysAppendOneToALine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state").resolve("online-ledger.txt");
        FileIdempotentRepository ledger = (FileIdempotentRepository) StateFiles.ledger(file.toString(), 100);
        ledger.start();
        assertTrue(ledger.add(FIRST));
        assertTrue(ledger.add(SECOND));
        assertFalse(ledger.add(FIRST));
        ledger.stop();
        assertEquals(FIRST + "\n" + SECOND + "\n", Files.readString(file));
    }
}
