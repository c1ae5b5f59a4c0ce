package io.ddbsync.sync;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ledger whose last key lost its line break (the runner was killed between Camel's two writes)
 * takes the next key on a line of its own, so both keys count and both leave the file.
 */
class LedgerFileRepositoryTest {
    private static final String FIRST = "db1-online|dfs://db1/mt|all|/20240101";
    private static final String SECOND = "db1-online|dfs://db1/mt|all|/20240103";

    @Test
    void aKeyAfterATornLineGetsALineOfItsOwn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-ledger.txt");
        Files.writeString(file, FIRST);
        FileIdempotentRepository ledger = (FileIdempotentRepository) StateFiles.ledger(file.toString(), 100);
        ledger.start();
        assertTrue(ledger.contains(FIRST), "the key without its line break still counts");
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
