package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.apache.camel.component.ssh.SshConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target's answer to keepUnchanged, as camel-ssh hands it over: runs of verdicts in manifest
 * order become the kept files' positions; an answer that does not give one verdict a file, or a
 * failed command, keeps nothing and stops the run.
 */
class KeptFilesTest {
    @TempDir
    Path dir;

    @Test
    void runsOfVerdictsMarkTheKeptFilesByTheirPositions() throws Exception {
        Exchange exchange = answer(6, 0, "      2 1\n      1 0\n      3 1\n");

        KeptFiles.read(exchange);

        BitSet expected = new BitSet();
        expected.set(0, 2);
        expected.set(3, 6);
        assertEquals(expected, exchange.getProperty(TransferHeaders.KEPT, BitSet.class));
    }

    @Test
    void anAnswerForAnotherNumberOfFilesKeepsNothing() throws Exception {
        Exchange exchange = answer(6, 0, "      5 1\n");

        TransferException e = assertThrows(TransferException.class, () -> KeptFiles.read(exchange));

        assertTrue(e.getMessage().contains("gave 5 verdicts for the manifest's 6 files"), e.getMessage());
        assertNull(exchange.getProperty(TransferHeaders.KEPT));
    }

    @Test
    void aLineThatIsNoRunOfVerdictsKeepsNothing() throws Exception {
        Exchange exchange = answer(2, 0, "      1 1\nsha256sum: WARNING: 1 line is improperly formatted\n      1 1\n");

        TransferException e = assertThrows(TransferException.class, () -> KeptFiles.read(exchange));

        assertTrue(e.getMessage().contains("answered an unexpected line: sha256sum: WARNING"), e.getMessage());
        assertNull(exchange.getProperty(TransferHeaders.KEPT));
    }

    @Test
    void aFailedCommandKeepsNothing() throws Exception {
        Exchange exchange = answer(1, 66, "MANIFEST.sha256.next: missing\n");

        TransferException e = assertThrows(TransferException.class, () -> KeptFiles.read(exchange));

        assertTrue(e.getMessage().contains("exit 66: MANIFEST.sha256.next: missing"), e.getMessage());
        assertNull(exchange.getProperty(TransferHeaders.KEPT));
    }

    /** An exchange as the leg has it after the command: the manifest of {@code files} files, the exit status, stdout. */
    private Exchange answer(int files, int exit, String stdout) throws Exception {
        for (int i = 0; i < files; i++) Files.writeString(dir.resolve("f" + i + ".col"), "file " + i);
        BackupManifest manifest = BackupManifest.create(dir);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(TransferHeaders.MANIFEST, manifest);
        exchange.getIn().setHeader(SshConstants.EXIT_VALUE, exit);
        exchange.getIn().setHeader(TransferHeaders.RESTORE_PATH, "/data/restore");
        exchange.getIn().setBody(new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8)));
        return exchange;
    }
}
