package io.ddbsync.sync.transfer;

import org.apache.camel.Exchange;
import org.apache.camel.component.ssh.SshConstants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a failed remote command said, short enough for an error message: its exit status and
 * the first lines of its stdout and stderr (camel-ssh puts them in the body and in the
 * {@code CamelSshStderr} header). sha256sum names each bad file on a line of its own, rsync
 * its errors on stderr.
 */
public final class SshOutput {

    static final int MAX_LINES = 12;
    /** Exit status of coreutils' {@code timeout} when the command ran out of time. */
    static final int TIMED_OUT = 124;
    /** Exit status of a command that found a file it needs missing (sysexits.h EX_NOINPUT). */
    static final int MISSING_FILE = 66;

    private SshOutput() {
    }

    /**
     * After a command run through camel-ssh, which does not fail the exchange on a non-zero exit.
     *
     * @param command what ran, for the message, e.g. {@code sha256sum -c MANIFEST.sha256}
     * @throws TransferException "&lt;command&gt; failed: " and the exit status and first lines of output, unless it exited with 0
     */
    public static void requireSuccess(Exchange exchange, String command) throws TransferException {
        require(exchange, command, Map.of());
    }

    /**
     * The same for rsync, with the meaning of its exit status (man rsync, EXIT VALUES): the
     * receiving rsync's own message ("write failed on …: No space left on device") reaches the
     * sender's stderr only most of the time, so the status is what is always there.
     */
    public static void requireRsyncSuccess(Exchange exchange) throws TransferException {
        require(exchange, "rsync", RSYNC_EXIT);
    }

    private static void require(Exchange exchange, String command, Map<Integer, String> meanings) throws TransferException {
        Integer exit = exchange.getIn().getHeader(SshConstants.EXIT_VALUE, Integer.class);
        if (exit != null && exit == 0) return;
        throw new TransferException(command + " failed: " + summary(exchange, exit, exit == null ? null : meanings.get(exit)));
    }

    private static final Map<Integer, String> RSYNC_EXIT = Map.ofEntries(
            Map.entry(1, "syntax or usage error"),
            Map.entry(2, "protocol incompatibility"),
            Map.entry(3, "errors selecting input/output files, dirs"),
            Map.entry(5, "error starting client-server protocol"),
            Map.entry(10, "error in socket I/O"),
            Map.entry(11, "error in file I/O"),
            Map.entry(12, "error in rsync protocol data stream"),
            Map.entry(20, "received SIGUSR1 or SIGINT"),
            Map.entry(23, "partial transfer due to error"),
            Map.entry(24, "partial transfer due to vanished source files"),
            Map.entry(30, "timeout in data send/receive"),
            Map.entry(35, "timeout waiting for daemon connection"),
            Map.entry(127, "rsync not found on the source host"),
            Map.entry(255, "ssh failed: connection, login or host key"));

    private static String summary(Exchange exchange, Integer exit, String meaning) {
        String stdout = exchange.getIn().getBody(String.class);
        String stderr = exchange.getIn().getHeader(SshConstants.STDERR, String.class);
        List<String> lines = new ArrayList<>();
        addLines(lines, stdout);
        addLines(lines, stderr);
        StringBuilder out = new StringBuilder();
        if (exit == null) {
            out.append("no exit status (the command was killed or the channel closed)");
        } else if (exit == TIMED_OUT) {
            out.append("timed out (exit ").append(exit).append(')');
        } else {
            out.append("exit ").append(exit);
            if (meaning != null) out.append(" (").append(meaning).append(')');
        }
        int shown = Math.min(lines.size(), MAX_LINES);
        for (int i = 0; i < shown; i++) out.append(i == 0 ? ": " : "; ").append(lines.get(i));
        if (lines.size() > shown) out.append("; … ").append(lines.size() - shown).append(" more line(s)");
        return out.toString();
    }

    private static void addLines(List<String> lines, String text) {
        if (text == null) return;
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) lines.add(line.strip());
        }
    }
}
