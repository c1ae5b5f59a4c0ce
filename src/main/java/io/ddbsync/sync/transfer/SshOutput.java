package io.ddbsync.sync.transfer;

import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

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

    public static String summary(Exchange exchange) {
        return summary(exchange, null);
    }

    /**
     * The same, with the meaning of rsync's exit status (man rsync, EXIT VALUES): the receiving
     * rsync's own message ("write failed on …: No space left on device") reaches the sender's
     * stderr only most of the time, so the status is what is always there.
     */
    public static String rsyncSummary(Exchange exchange) {
        Integer exit = exchange.getIn().getHeader("CamelSshExitValue", Integer.class);
        return summary(exchange, exit == null ? null : RSYNC_EXIT.get(exit));
    }

    private static final java.util.Map<Integer, String> RSYNC_EXIT = java.util.Map.ofEntries(
            java.util.Map.entry(1, "syntax or usage error"),
            java.util.Map.entry(2, "protocol incompatibility"),
            java.util.Map.entry(3, "errors selecting input/output files, dirs"),
            java.util.Map.entry(5, "error starting client-server protocol"),
            java.util.Map.entry(10, "error in socket I/O"),
            java.util.Map.entry(11, "error in file I/O"),
            java.util.Map.entry(12, "error in rsync protocol data stream"),
            java.util.Map.entry(20, "received SIGUSR1 or SIGINT"),
            java.util.Map.entry(23, "partial transfer due to error"),
            java.util.Map.entry(24, "partial transfer due to vanished source files"),
            java.util.Map.entry(30, "timeout in data send/receive"),
            java.util.Map.entry(35, "timeout waiting for daemon connection"),
            java.util.Map.entry(127, "rsync not found on the source host"),
            java.util.Map.entry(255, "ssh failed: connection, login or host key"));

    private static String summary(Exchange exchange, String meaning) {
        Integer exit = exchange.getIn().getHeader("CamelSshExitValue", Integer.class);
        String stdout = exchange.getIn().getBody(String.class);
        String stderr = exchange.getIn().getHeader("CamelSshStderr", String.class);
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
