package io.ddbsync.sync.transfer;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.core.CoreModuleProperties;

import java.nio.file.Path;
import java.time.Duration;

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
    private long commandLimitSeconds;

    /** The known_hosts file; read at each connection, so edits to it count without a restart. */
    public void setKnownHostsFile(String file) {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("An SSH leg needs a known_hosts file (knownHostsFile)");
        this.knownHostsFile = Path.of(file);
        serverKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHostsFile));
    }

    public Path getKnownHostsFile() {
        return knownHostsFile;
    }

    /**
     * The longest a command run through this client may take (the limit its remote {@code timeout}
     * enforces). camel-ssh waits for a command's channel to close without limit, and a host that
     * never starts the command (one that gives SFTP only) never closes it; a session silent for that
     * long and a margin is closed instead, which fails the command.
     */
    public void setCommandLimitSeconds(long commandLimitSeconds) {
        this.commandLimitSeconds = commandLimitSeconds;
    }

    @Override
    public SshClient build(boolean isFillWithDefaultValues) {
        SshClient client = super.build(isFillWithDefaultValues);
        if (commandLimitSeconds > 0) {
            long margin = Math.min(60, Math.max(5, commandLimitSeconds / 10));
            CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ofSeconds(commandLimitSeconds + margin));
        }
        return client;
    }
}
