package io.ddbsync.camel.wire;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bounds how long a call on a connection may go without a byte moving, either way. A socket's read
 * timeout (SO_TIMEOUT) bounds only reads: a write into a link that went silent (packets dropped, a
 * NAT entry frozen) blocks for ever once the socket buffers are full. So while a call is on a
 * connection, a timer looks at when bytes last moved, and when that is longer ago than the bound
 * it closes the socket, which unblocks the write (or read) with a SocketException; {@link
 * Watch#explain} then turns that, or a read timeout, into a {@link StalledLinkException} that
 * names the cluster, the site, the bound and what the call was doing.
 *
 * The bound is on the wait for the next bytes, never on the total: a healthy slow copy of a very
 * large partition moves bytes all along and is never cut.
 *
 * @param cluster     the cluster's name, for the message
 * @param site        host:port of the connection, for the message
 * @param boundMillis the longest silence a call may have; 0 or less watches nothing (the call may wait for ever)
 */
public record StallWatchdog(String cluster, String site, long boundMillis) {
    /** One daemon thread for the whole JVM: a check is a comparison of two numbers. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "dolphindb-stall-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /**
     * Watches one call until the watch is closed.
     *
     * @param socket       the socket the call is on; closed when the call stalls (null: nothing to close, reads are still explained)
     * @param lastProgress System.nanoTime() of the last byte moved on the socket (a call that cannot see its bytes: its start)
     * @param doing        what the call is doing right now, for the message ("waiting for the reply", "sending a request")
     */
    public Watch watch(Socket socket, LongSupplier lastProgress, Supplier<String> doing) {
        return new Watch(socket, lastProgress, doing);
    }

    public final class Watch implements AutoCloseable {
        private final Socket socket;
        private final LongSupplier lastProgress;
        private final Supplier<String> doing;
        private final ScheduledFuture<?> check;
        /** What the call was doing when the watchdog closed its socket; null while it has not. */
        private volatile String stalledWhile;

        private Watch(Socket socket, LongSupplier lastProgress, Supplier<String> doing) {
            this.socket = socket;
            this.lastProgress = lastProgress;
            this.doing = doing;
            if (boundMillis > 0 && socket != null) {
                // a tenth of the bound: the silence is noticed at most 10% late
                long tick = Math.max(20, Math.min(1000, boundMillis / 10));
                this.check = TIMER.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
            } else {
                this.check = null;
            }
        }

        private void check() {
            if (stalledWhile != null) return;
            long silentMillis = (System.nanoTime() - lastProgress.getAsLong()) / 1_000_000;
            if (silentMillis < boundMillis) return;
            stalledWhile = doing.get();
            check.cancel(false);
            // on a thread of its own: closing a TLS socket sends a close_notify, which may itself wait on the silent link,
            // and the timer serves every connection
            Thread closer = new Thread(this::closeSocket, "dolphindb-stall-close");
            closer.setDaemon(true);
            closer.start();
        }

        private void closeSocket() {
            try {
                // reset rather than a graceful close: nothing more is to be said on this link, and a TLS socket does not then
                // wait for the lock of the write that is stuck to send its close_notify
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed is what we want
            }
        }

        /** Whether the watchdog closed the socket of this call. */
        public boolean stalled() {
            return stalledWhile != null;
        }

        /**
         * The failure the call met, said as a stall when it was one: the watchdog closed the
         * socket, or a read timed out (SO_TIMEOUT, set to the same bound). Other failures as they are.
         */
        public IOException explain(Exception e) {
            String when = stalledWhile;
            if (when == null && timedOut(e)) when = doing.get();
            if (when == null) return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            return new StalledLinkException(describe(when), e);
        }

        @Override
        public void close() {
            if (check != null) check.cancel(false);
        }
    }

    /** Whether the failure, or one of its causes, is a read that timed out. */
    public static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) return true;
            // the API rewords some read failures, keeping the JDK's text
            if (t.getMessage() != null && t.getMessage().contains("Read timed out")) return true;
        }
        return false;
    }

    /** A read failure of a call not watched here (a block read through the API): explained the same way. */
    public IOException explain(Exception e, String doing) {
        if (!timedOut(e)) return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        return new StalledLinkException(describe(doing), e);
    }

    private String describe(String doing) {
        return "cluster '" + cluster + "' at " + site + " was silent for " + seconds(boundMillis) + " while " + doing
                + " (nothing sent or taken; dolphindb.clusters." + cluster + ".readTimeout)";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A link that moved no byte for longer than the cluster's readTimeout; the connection is closed. */
    static final class StalledLinkException extends IOException {
        StalledLinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
