package io.ddbsync.sync.online;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy between the runner and a cluster, to break connections the way networks do:
 * {@link #cutAfter} forwards exactly that many more client-to-server bytes, then drops the
 * connection they are on (in the middle of whatever message is being written);
 * {@link #whenForwarded} runs an action (a server restart) at such a point instead; {@link #throttle}
 * slows client-to-server traffic down so a test can act while a run is going.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Client-to-server bytes still to forward before the armed trigger fires; negative: nothing armed. */
    private final AtomicLong budget = new AtomicLong(-1);
    /** What the trigger does: null cuts the connection, else this runs (on a thread of its own) and traffic goes on once it is done. */
    private volatile Runnable action;
    private volatile long outage;
    private volatile long refuseUntil;
    private volatile long cuts;
    private volatile long bytesPerSecond;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept-" + port());
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Drops the connection that carries the byte after the next {@code bytes} client-to-server bytes,
     * once, and refuses new connections for {@code outageMillis} after that: an outage, not a blip
     * (the DolphinDB API reconnects and resends a call by itself when its connection drops, so a
     * blip is survived without any failure).
     */
    void cutAfter(long bytes, long outageMillis) {
        action = null;
        outage = outageMillis;
        budget.set(bytes);
    }

    /** Runs the action once the next {@code bytes} client-to-server bytes were forwarded, while the connection is in use. */
    void whenForwarded(long bytes, Runnable action) {
        this.action = action;
        budget.set(bytes);
    }

    /** Waits until the outage of the last cut is over. */
    void awaitOutageEnd() throws InterruptedException {
        long left = refuseUntil - System.currentTimeMillis();
        if (left > 0) Thread.sleep(left);
    }

    /** How many connections were cut so far. */
    long cuts() {
        return cuts;
    }

    /** Limits client-to-server traffic to about this rate (0: unlimited). */
    void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (System.currentTimeMillis() < refuseUntil) {
                close(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // the target refused (it is restarting): the client sees its connection end, as without a proxy
                close(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (clientToServer) {
                        long left = budget.get();
                        if (left >= 0 && left < n && budget.compareAndSet(left, -1)) {
                            out.write(buf, 0, (int) left);
                            out.flush();
                            Runnable a = action;
                            if (a == null) {
                                cuts++;
                                refuseUntil = System.currentTimeMillis() + outage;
                                dropRestOfMessage(from, to, in, buf);
                                break;
                            }
                            // the rest of the message waits until the action is done, so the server
                            // cannot finish reading it (and answer) before the action takes it down
                            Thread fire = new Thread(a, "proxy-trigger");
                            fire.setDaemon(true);
                            fire.start();
                            try {
                                fire.join();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                            out.write(buf, (int) left, n - (int) left);
                            out.flush();
                            continue;
                        }
                        if (left >= 0) budget.addAndGet(-n);
                        pace(n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                close(from);
                close(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The server gets the message up to the cut and then loses the connection; the client's write
     * goes into the void and it learns of the drop when it reads the answer. (Closing the client's
     * socket while it still writes would let the DolphinDB API resend the whole message on a new
     * connection, and the partition would not fail at all.)
     */
    private static void dropRestOfMessage(Socket client, Socket server, InputStream in, byte[] buf) throws IOException {
        close(server);
        client.setSoTimeout(300);
        try {
            while (in.read(buf) > 0) {
                // discarded
            }
        } catch (java.net.SocketTimeoutException e) {
            // the client has sent its message and waits for the answer
        }
    }

    private void pace(int n) throws IOException {
        long rate = bytesPerSecond;
        if (rate <= 0) return;
        try {
            Thread.sleep(Math.max(1, n * 1000L / rate));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) close(s);
    }
}
