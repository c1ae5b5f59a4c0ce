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
 * {@link #cutAfter} forwards exactly that many more client-to-server bytes, then closes both sides
 * of the connection it is in (in the middle of whatever message is being written); {@link #throttle}
 * slows client-to-server traffic down so a test can act while a run is going.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Client-to-server bytes still allowed before the cut; negative: no cut armed. */
    private final AtomicLong budget = new AtomicLong(-1);
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

    /** Cuts the connection that carries the byte after the next {@code bytes} client-to-server bytes; once. */
    void cutAfter(long bytes) {
        budget.set(bytes);
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
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection end
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
                            cuts++;
                            break;
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
