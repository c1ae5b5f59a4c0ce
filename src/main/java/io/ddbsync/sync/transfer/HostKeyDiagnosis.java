package io.ddbsync.sync.transfer;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Says whether an SSH host's key is what stopped a login. camel-ssh reports a host key its
 * known_hosts check rejected as "Failed to authenticate username …", the same words as for a
 * wrong password; after such a failure we fetch the key the host presents (as ssh-keyscan does,
 * without logging in) and look it up in the known_hosts file with OpenSSH's matching rules.
 */
final class HostKeyDiagnosis {

    private HostKeyDiagnosis() {
    }

    /**
     * @return why the host key is not trusted, or empty if the known_hosts file lists it (then
     *         the login itself was refused) or the key could not be fetched
     */
    static Optional<String> explain(String host, int port, String knownHostsName, InputStream knownHosts, Duration timeout) {
        PublicKey presented = presentedKey(host, port, timeout);
        if (presented == null) return Optional.empty();
        String name = port == 22 ? host : "[" + host + "]:" + port;
        String key = KeyUtils.getKeyType(presented) + " " + KeyUtils.getFingerPrint(presented);
        List<KnownHostEntry> entries;
        try (InputStream in = knownHosts) {
            entries = KnownHostEntry.readKnownHostEntries(in, false);
        } catch (IOException e) {
            return Optional.of("the known_hosts file " + knownHostsName + " cannot be read (" + e.getMessage() + ")");
        }
        boolean listed = false;
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(host, port) || entry.getMarker() != null) continue;
            listed = true;
            try {
                PublicKey known = entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                if (KeyUtils.compareKeys(known, presented)) return Optional.empty();
            } catch (IOException | java.security.GeneralSecurityException e) {
                // an entry we cannot decode does not vouch for the key
            }
        }
        return Optional.of(listed
                ? "the host key of " + name + " (" + key + ") does not match the one listed in " + knownHostsName + ": has the host key changed?"
                : "the host key of " + name + " (" + key + ") is not listed in known_hosts file " + knownHostsName);
    }

    private static PublicKey presentedKey(String host, int port, Duration timeout) {
        AtomicReference<PublicKey> presented = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            presented.set(key);
            return false; // record only: never go on to log in
        });
        client.start();
        try (ClientSession session = client.connect("host-key-check", host, port).verify(timeout).getSession()) {
            session.waitFor(List.of(ClientSession.ClientSessionEvent.CLOSED), timeout);
        } catch (IOException | RuntimeException e) {
            // the session ends once the key is refused; what counts is whether we saw the key
        } finally {
            client.stop();
        }
        return presented.get();
    }
}
