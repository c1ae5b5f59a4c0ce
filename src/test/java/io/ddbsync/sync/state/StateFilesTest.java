package io.ddbsync.sync.state;

import org.apache.camel.Service;
import org.apache.camel.spi.StateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The runner's state files: made where asked, and a clear error naming the file when they cannot be. */
class StateFilesTest {
    @Test
    void aStateDirectoryThatCannotBeMadeIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateFiles.statsCache(notADirectory.resolve("state/stats-cache.bin").toString()));
        assertTrue(e.getMessage().startsWith("Cannot keep the stats cache in " + notADirectory.resolve("state/stats-cache.bin")), e.getMessage());
        assertTrue(e.getMessage().contains("set ddbsync.stateDir to a writable directory"), e.getMessage());
        IllegalArgumentException ledger = assertThrows(IllegalArgumentException.class,
                () -> StateFiles.ledger(notADirectory.resolve("state/online-ledger.txt").toString()));
        assertTrue(ledger.getMessage().contains("online sync's run ledger"), ledger.getMessage());
    }

    @Test
    void theDirectoryIsMadeAndTheCacheKeepsWhatItIsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("new/state/stats-cache.bin");
        StateRepository<String, String> cache = StateFiles.statsCache(file.toString());
        ((Service) cache).start();
        try {
            cache.setState("k", "v 1 0");
            assertEquals("v 1 0", cache.getState("k"));
        } finally {
            ((Service) cache).stop();
        }
        StateRepository<String, String> again = StateFiles.statsCache(file.toString());
        ((Service) again).start();
        try {
            assertEquals("v 1 0", again.getState("k"), "read back from " + file);
        } finally {
            ((Service) again).stop();
        }
    }
}
