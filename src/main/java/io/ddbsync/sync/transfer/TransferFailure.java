package io.ddbsync.sync.transfer;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.ssh.SshConfiguration;
import org.apache.camel.component.ssh.SshEndpoint;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns whatever stopped a leg into one {@link TransferException} that says which job, which leg,
 * where to, in which stage, and why (the distinct messages of the cause chain). One instance per
 * templated route, configured from the template's parameters; it never sees a password, and the
 * messages it joins come from Camel and the SSH libraries, which print URIs masked.
 */
public class TransferFailure {

    private static final String CAMEL_SSH_PREFIX = "Cannot execute command: ";

    private String jobId;
    private String leg;
    private String target;

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public void setLeg(String leg) {
        this.leg = leg;
    }

    /** Where the files go, for the message, e.g. {@code sftp://sync@target:22}. */
    public void setTarget(String target) {
        this.target = target;
    }

    public void rethrow(Exchange exchange) throws TransferException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stage = exchange.getProperty(TransferHeaders.STAGE, "starting", String.class);
        String restore = exchange.getIn().getHeader(TransferHeaders.RESTORE_PATH, String.class);
        String where = target == null || target.isEmpty() ? String.valueOf(restore) : target + " " + restore;
        String reasons = reasons(cause);
        throw new TransferException("job " + jobId + ": " + leg + " transfer to " + where + " failed while " + stage
                + ": " + reasons + hint(reasons) + hostKeyFinding(exchange, cause), cause);
    }

    /** What sshd's terse words about a login mean for whoever set up the job. */
    private String hint(String reasons) {
        if (reasons.endsWith("No key-pair to add")) {
            return " (camel-ssh read no key from the private key file: it is empty, unreadable or in a format it cannot read;"
                    + " an empty privateKeyFile means password login)";
        }
        if (reasons.endsWith("No password provided")) {
            return " (this login has neither a key file nor a password: set one in transfer." + jobId + ".* or in the leg's"
                    + " transfer.sftp.* / transfer.rsync.*)";
        }
        return "";
    }

    /**
     * A rejected host key and a refused login end an SSH connection alike; when the failure is of
     * that kind, find out which of the two it was, from the SSH endpoint the exchange was last sent
     * to and its known_hosts file.
     */
    private static String hostKeyFinding(Exchange exchange, Throwable cause) {
        String reasons = reasons(cause);
        if (!reasons.contains("Failed to authenticate username") && !reasons.contains("Server key did not validate")) return "";
        String uri = exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class);
        SshEndpoint ssh = exchange.getContext().getEndpoints().stream()
                .filter(e -> e instanceof SshEndpoint && e.getEndpointUri().equals(uri))
                .map(SshEndpoint.class::cast).findFirst().orElse(null);
        if (ssh == null) return "";
        SshConfiguration config = ssh.getConfiguration();
        String knownHostsName;
        InputStream knownHosts;
        try {
            if (config.getClientBuilder() instanceof KnownHostsClientBuilder builder && builder.getKnownHostsFile() != null) {
                knownHostsName = builder.getKnownHostsFile().toString();
                knownHosts = java.nio.file.Files.newInputStream(builder.getKnownHostsFile());
            } else if (ssh.getKnownHostsResource() != null) {
                knownHostsName = ssh.getKnownHostsResource();
                knownHosts = ResourceHelper.resolveMandatoryResourceAsInputStream(exchange.getContext(), knownHostsName);
            } else {
                return "";
            }
        } catch (IOException e) {
            return " (the known_hosts file cannot be read: " + e.getMessage() + ")";
        }
        return HostKeyDiagnosis.explain(config.getHost(), config.getPort(), knownHostsName, knownHosts, Duration.ofMillis(config.getTimeout()))
                .map(finding -> " (" + finding + ")")
                .orElse(" (the host key is the one listed in " + knownHostsName + ": the login itself was refused)");
    }

    /**
     * The distinct messages of the cause chain, outermost first. Camel's wrappers add
     * "Exchange[…]" and repeat their cause's message; both are trimmed.
     */
    static String reasons(Throwable cause) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = cause; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
            }
            int exchangeText = message.indexOf(". Exchange[");
            if (exchangeText < 0) exchangeText = message.indexOf(" Exchange[");
            if (exchangeText >= 0) message = message.substring(0, exchangeText);
            message = message.strip();
            if (message.startsWith(CAMEL_SSH_PREFIX)) {
                // the stage already says what the command was for; its full text is noise here
                message = "cannot run the command over SSH";
            }
            if (message.isEmpty() || isWrapperOnly(message)) continue;
            String m = message;
            if (parts.stream().noneMatch(p -> p.contains(m))) parts.add(message);
        }
        return parts.isEmpty() ? String.valueOf(cause) : String.join(": ", parts);
    }

    /** The split EIP's wrapper says only which item failed, which the item's own error names better. */
    private static boolean isWrapperOnly(String message) {
        return message.matches("(Sequential|Parallel|Multicast) processing failed for number \\d+");
    }
}
