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

    private SshOutput() {
    }

    public static String summary(Exchange exchange) {
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
