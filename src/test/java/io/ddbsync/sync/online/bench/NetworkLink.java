package io.ddbsync.sync.online.bench;

import org.apache.camel.util.IOHelper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * A network link between the runner and one stand-in, for the benchmark: a loopback TCP proxy whose
 * every connection shares the link's capacity, {@code bytesPerSecond} in each direction (full
 * duplex, like Ethernet), and whose bytes arrive {@code delayMillis} after they were sent. On
 * loopback the three processes of a sync share the machine's two cores and the copy is CPU-bound;
 * between two clusters the runner, the source and the target have machines of their own and the
 * link between them is what a copy waits for. The link gives the benchmark that second case on one
 * machine: what a variant does beyond moving the bytes shows only where it adds to the link's
 * traffic or delays it.
 * <p>
 * Each direction of each connection has a reader that stamps every chunk with the time it would
 * arrive (after the chunks queued before it on the same direction of the link, from any connection,
 * at the link's rate, then the delay) and a writer that hands it on at that time. The link holds
 * little (see {@link Direction}), so a full link pushes back on the senders as TCP's windows would.
 */
final class NetworkLink implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    /** How long a chunk may wait in the link's queue, at most, beyond its delay. */
    private static final long QUEUE_MILLIS = 5;

    private final ServerSocket server;
    private final int targetPort;
    private final double nanosPerByte;
    private final long delayNanos;
    private final Direction upstream;
    private final Direction downstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /**
     * One direction of the link: its clock (when the last chunk queued on it will have left) and
     * its buffer. The bytes queued or on the wire are limited to what the link carries in its delay
     * plus {@link #QUEUE_MILLIS}, as a switch's small queue and TCP's windows keep them: with an
     * unbounded queue, a small reply would wait behind every connection's bulk data (bufferbloat),
     * which a datacenter network does not do. Connections take turns for room (a fair semaphore).
     */
    private static final class Direction {
        private final Semaphore room;
        private long freeAtNanos;
        private long bytes;

        Direction(long capacityBytes) {
            this.room = new Semaphore((int) Math.min(Integer.MAX_VALUE, capacityBytes), true);
        }

        /** Waits for room for n bytes, then returns when they will have left the link. */
        long depart(int n, double nanosPerByte) throws InterruptedException {
            room.acquire(n);
            synchronized (this) {
                long now = System.nanoTime();
                freeAtNanos = Math.max(now, freeAtNanos) + (long) (n * nanosPerByte);
                bytes += n;
                return freeAtNanos;
            }
        }

        /** n bytes arrived: their room is free again. */
        void arrived(int n) {
            room.release(n);
        }

        synchronized long bytes() {
            return bytes;
        }
    }

    private record Chunk(byte[] data, int length, long dueNanos) {
        static final Chunk END = new Chunk(new byte[0], -1, 0);
    }

    NetworkLink(int targetPort, long bytesPerSecond, long delayMillis) throws IOException {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("a link needs a positive rate, not " + bytesPerSecond);
        this.targetPort = targetPort;
        this.nanosPerByte = 1e9 / bytesPerSecond;
        this.delayNanos = delayMillis * 1_000_000L;
        long capacity = Math.max(2L * CHUNK, bytesPerSecond * (delayMillis + QUEUE_MILLIS) / 1000);
        this.upstream = new Direction(capacity);
        this.downstream = new Direction(capacity);
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "link-accept-" + port());
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * A link described as {@code <MB/s>,<one-way delay ms>}, e.g. {@code 125,1} (1 Gbit/s, 1 ms);
     * null for an empty description.
     */
    static NetworkLink parse(String description, int targetPort) throws IOException {
        if (description == null || description.isBlank()) return null;
        String[] parts = description.split(",");
        long megabytesPerSecond = Long.parseLong(parts[0].trim());
        long delay = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 0;
        return new NetworkLink(targetPort, megabytesPerSecond * 1_000_000L, delay);
    }

    static String describe(String description) {
        String[] parts = description.split(",");
        long mb = Long.parseLong(parts[0].trim());
        return String.format(Locale.ROOT, "%d MB/s (%.1f Gbit/s) each way, %s ms one-way delay", mb, mb * 8 / 1000.0,
                parts.length > 1 ? parts[1].trim() : "0");
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes sent to the server and back through the link so far. */
    long bytesUp() {
        return upstream.bytes();
    }

    long bytesDown() {
        return downstream.bytes();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(target);
                carry(client, target, upstream);
                carry(target, client, downstream);
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    /** One direction of one connection: a reader stamps chunks with their time of arrival, a writer delivers them then. */
    private void carry(Socket from, Socket to, Direction direction) {
        BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                while (true) {
                    byte[] data = new byte[CHUNK];
                    int n = in.read(data);
                    if (n < 0) break;
                    inFlight.put(new Chunk(data, n, direction.depart(n, nanosPerByte) + delayNanos));
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            } finally {
                try {
                    inFlight.put(Chunk.END);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "link-read");
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk c = inFlight.take(); c != Chunk.END; c = inFlight.take()) {
                    long wait;
                    while ((wait = c.dueNanos() - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                    direction.arrived(c.length());
                    out.write(c.data(), 0, c.length());
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            } finally {
                IOHelper.close(from, to);
            }
        }, "link-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(IOHelper::close);
    }
}
