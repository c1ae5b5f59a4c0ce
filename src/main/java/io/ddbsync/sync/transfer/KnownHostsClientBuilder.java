package io.ddbsync.sync.transfer;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;

import java.nio.file.Path;

/**
 * The SSH client camel-ssh runs remote commands with (its clientBuilder option), checking the
 * host's key against a known_hosts file the way OpenSSH does: MINA SSHD's
 * KnownHostsServerKeyVerifier matches the host name or address and the port exactly ([host]:port
 * for a port other than 22), reads hashed names and honours the @revoked and @cert-authority
 * markers. A host it does not list, or a key that differs from the one listed, is refused before
 * anything is sent. camel-ssh's own check (knownHostsResource) takes the first line whose host
 * field contains the name and ignores the port, so one known_hosts file could not serve several
 * hosts.
 */
public class KnownHostsClientBuilder extends ClientBuilder {
    private Path knownHostsFile;

    /** The known_hosts file; read at each connection, so edits to it count without a restart. */
    public void setKnownHostsFile(String file) {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("An SSH leg needs a known_hosts file (knownHostsFile)");
        this.knownHostsFile = Path.of(file);
        serverKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHostsFile));
    }

    public Path getKnownHostsFile() {
        return knownHostsFile;
    }
}
