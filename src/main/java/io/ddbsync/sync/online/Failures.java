package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBOperationException;

/** A failure in words for the run report: where and what, without the exchange dump Camel appends to its messages. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable e) {
        if (e == null) return "unknown failure";
        for (Throwable t = e; t != null; t = t.getCause()) {
            // thrown between blocks, inside the split that Camel's own failure wraps
            if (t instanceof RunDeadline.DeadlinePassedException) return t.getMessage();
            if (t instanceof DolphinDBOperationException d) {
                StringBuilder sb = new StringBuilder("dolphindb:").append(d.getCluster()).append(' ').append(d.getOperation());
                if (d.getDatabase() != null) sb.append(' ').append(d.getDatabase()).append('/').append(d.getTable() == null ? "" : d.getTable());
                if (d.getPartition() != null) sb.append(" partition ").append(d.getPartition());
                return sb.append(": ").append(d.getServerMessage()).toString();
            }
        }
        String m = e.getMessage();
        int dump = m == null ? -1 : m.indexOf(". Exchange[");
        return m == null ? e.getClass().getSimpleName() : dump > 0 ? m.substring(0, dump) : m;
    }
}
