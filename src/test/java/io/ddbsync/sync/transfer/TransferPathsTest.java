package io.ddbsync.sync.transfer;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferPathsTest {

    @TempDir
    Path tmp;

    @Test
    void theSamePathOnAnotherHostIsFineButNotOnThisMachine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home/backupDir"));
        Exchange exchange = exchange(dir.toString(), dir.toString());

        // the tutorial's example 6 uses /home/backupDir on both servers; an address literal from
        // the documentation range (RFC 5737) is parsed, never contacted
        assertEquals(dir, TransferPaths.of(exchange, "192.0.2.10").restore());
        for (String local : new String[] {null, "", "localhost", "127.0.0.1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransferPaths.of(exchange, local));
            assertTrue(e.getMessage().contains("must not contain one another on the same machine"), e.getMessage());
        }
    }

    @Test
    void remotePathsStayWithinCharactersNoShellReadsSpecially() {
        assertEquals("/data/restore/db1-mt/files", TransferPaths.remoteDirectory("/data/restore/db1-mt/files"));
        for (String bad : new String[] {"/data/re store", "/data/$(reboot)", "/data/`x`", "/data/a;b", "/data/'q'", "/data/../etc", "/"}) {
            assertThrows(IllegalArgumentException.class, () -> TransferPaths.remoteDirectory(bad), bad);
        }
    }

    @Test
    void quotedWordsReachTheProgramUnchanged() throws Exception {
        String word = "it's a \"test\" $HOME `id` \\";
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellQuote.quote(word)).start();
        assertEquals(word, new String(p.getInputStream().readAllBytes()));
        assertEquals(0, p.waitFor());
    }

    private static Exchange exchange(String backup, String restore) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(TransferHeaders.BACKUP_PATH, backup);
        exchange.getIn().setHeader(TransferHeaders.RESTORE_PATH, restore);
        return exchange;
    }
}
