package io.ddbsync.sync.transfer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RsyncCommandTest {

    @Test
    void pushesTheDataThenTheManifestWithStrictHostKeysAndATimeout() {
        String command = rsync("~/.ssh/id_ed25519", "~/.ssh/known_hosts").command("/data/backup/db1-offline/files", "/data/restore/db1-offline/files");

        assertTrue(command.startsWith("timeout 86400 sh -c "), command);
        assertTrue(command.contains("--delete --delete-excluded --exclude=/MANIFEST.sha256"), command);
        assertTrue(command.contains("-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=~/.ssh/known_hosts -o IdentitiesOnly=yes -i ~/.ssh/id_ed25519"), command);
        assertTrue(command.indexOf("/data/backup/db1-offline/files/MANIFEST.sha256") > command.indexOf("--delete"), "the manifest goes in a second rsync, after the data");
        assertTrue(command.contains("sync@target.example:/data/restore/db1-offline/files/"), command);
    }

    @Test
    void refusesWhatWouldBreakOutOfTheCommand() {
        assertThrows(IllegalArgumentException.class, () -> rsync("/keys/id; reboot", "/kh").command("/b", "/r"));
        assertThrows(IllegalArgumentException.class, () -> rsync("/keys/id", "~/kh x").command("/b", "/r"));
        assertThrows(IllegalArgumentException.class, () -> rsync("/keys/id", "/kh").command("/b", "/r'x"));
        assertThrows(IllegalArgumentException.class, () -> rsync("/keys/id", "/kh").command("/b c", "/r"));
    }

    private static RsyncCommand rsync(String identity, String knownHosts) {
        RsyncCommand rsync = new RsyncCommand();
        rsync.setTargetHost("target.example");
        rsync.setTargetUser("sync");
        rsync.setIdentityFile(identity);
        rsync.setKnownHostsFile(knownHosts);
        return rsync;
    }
}
