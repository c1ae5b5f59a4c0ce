package io.ddbsync.sync.transfer;

import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns whatever stopped a leg into one {@link TransferException} that says which job, which leg,
 * where to, in which stage, and why (the distinct messages of the cause chain). One instance per
 * templated route, configured from the template's parameters; it never sees a password, and the
 * messages it joins come from Camel and the SSH libraries, which print URIs masked.
 */
public class TransferFailure {

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
        throw new TransferException("job " + jobId + ": " + leg + " transfer to " + where + " failed while " + stage
                + ": " + reasons(cause), cause);
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
