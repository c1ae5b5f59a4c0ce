package io.ddbsync.sync.online;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy between the runner and a cluster, to break connections the way networks do,
 * in the middle of a large request (a block being appended): {@link #cutInRequest} drops the
 * connection a request is on once that many of its bytes were forwarded; {@link #actInRequest}
 * runs an action (a server restart) at such a point instead; {@link #throttle} slows
 * client-to-server traffic down so a test can act while a run is going; {@link #silenceInRequest} and
 * {@link #silenceInReply} make a connection go silent (nothing forwarded either way, the sockets left
 * open, as when packets are dropped or a NAT entry froze) once that many bytes of a request or a
 * reply passed; {@link #recover} ends the silence by dropping the silent connections;
 * {@link #actAsAnswered} runs an action as the server starts to answer a large request (a block
 * appended whole), before the client hears of it.
 * <p>
 * Bytes are counted per connection and per request (a request ends when the server starts to
 * answer it), so only a request at least that large can set a trigger off, whatever else goes
 * through the proxy meanwhile (pool checks, small calls on other connections).
 * <p>
 * {@link #record} keeps what passes, per connection and direction, so a test can look at what an
 * eavesdropper on the link would see.
 */
public final class TcpProxy implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 256 * 1024;
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The armed trigger, if any; the connection that sets it off takes it, so it fires once. */
    private final AtomicReference<Trigger> armed = new AtomicReference<>();
    private volatile long refuseUntil;
    private volatile long cuts;
    private volatile String lastFiring = "no trigger went off";
    private volatile long firedAtNanos;
    private volatile long bytesPerSecond;
    private final AtomicLong bytesToServer = new AtomicLong();
    private volatile boolean recording;
    /** What passed while recording: one stream per connection and direction. */
    private final List<ByteArrayOutputStream> recorded = new CopyOnWriteArrayList<>();

    /**
     * @param bytes  how many bytes of one request pass before it goes off
     * @param action null cuts the connection; else this runs (on a thread of its own) while the rest of the request waits
     * @param outage after a cut, how long new connections are refused
     */
    private record Trigger(long bytes, Runnable action, long outage) {}

    /** The armed reply trigger, if any: as {@link #armed}, counted in the bytes of one reply (from the end of its request). */
    private final AtomicReference<Trigger> armedReply = new AtomicReference<>();
    /** The armed answer trigger, if any: goes off as the server starts to answer a request at least that large. */
    private final AtomicReference<Trigger> armedAnswer = new AtomicReference<>();
    /** Connections gone silent, until {@link #recover}. */
    private final List<Link> silent = new CopyOnWriteArrayList<>();
    private final Object silence = new Object();
    private volatile long silentSinceNanos;

    /** One proxied connection: the client-to-server bytes of the request now being sent, and what passed if recorded. */
    private static final class Link {
        volatile long requestBytes;
        volatile long replyBytes;
        volatile boolean silent;
        Socket client;
        Socket upstream;
        ByteArrayOutputStream sent;
        ByteArrayOutputStream received;
    }

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        // a fixed receive buffer (accepted sockets inherit it) rather than loopback's up to 32 MB: a link holds what a
        // network path holds, so the runner's writes into a link that stops taking bytes block soon
        this.server = new ServerSocket();
        server.setReceiveBufferSize(RECEIVE_BUFFER);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread accept = new Thread(this::accept, "proxy-accept-" + port());
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Once, drops the connection of the next request larger than {@code bytes}, after forwarding
     * exactly that many of its bytes, and refuses new connections for {@code outageMillis} after
     * that: an outage, not a blip (the DolphinDB API reconnects by itself, so a blip would be
     * survived without any failure).
     */
    void cutInRequest(long bytes, long outageMillis) {
        armed.set(new Trigger(bytes, null, outageMillis));
    }

    /** Once, the next request larger than {@code bytes} has exactly that many forwarded, then its connection goes silent. */
    public void silenceInRequest(long bytes) {
        armed.set(new Trigger(bytes, SILENCE, 0));
    }

    /** Once, the next reply larger than {@code bytes} (counted from the end of its request) has that many forwarded, then its connection goes silent. */
    public void silenceInReply(long bytes) {
        armedReply.set(new Trigger(bytes, SILENCE, 0));
    }

    /** Once, drops the connection of the next reply larger than {@code bytes} after that many, and refuses new connections for {@code outageMillis}. */
    void cutInReply(long bytes, long outageMillis) {
        armedReply.set(new Trigger(bytes, null, outageMillis));
    }

    /** Once, runs the action (a server restart) when the next reply larger than {@code bytes} has forwarded that many, then drops the connection, as the restart resets it. */
    void actInReply(long bytes, Runnable action) {
        armedReply.set(new Trigger(bytes, action, 0));
    }

    /** System.nanoTime() when a connection last went silent (0: none yet). */
    long silentSinceNanos() {
        return silentSinceNanos;
    }

    /** How many connections went silent so far. */
    public int silencedCount() {
        return silent.size();
    }

    /** The link is back: the connections that went silent are dropped (their peers gave up on them, or will) and new ones work. */
    public void recover() {
        armedReply.getAndUpdate(t -> t != null && t.action() == SILENCE ? null : t);
        armed.getAndUpdate(t -> t != null && t.action() == SILENCE ? null : t);
        for (Link l : silent) {
            close(l.client);
            close(l.upstream);
        }
        synchronized (silence) {
            silence.notifyAll();
        }
    }

    /** Marks a trigger that silences its connection rather than cutting it or running an action. */
    private static final Runnable SILENCE = () -> { };

    /** Stops forwarding on this connection, both ways, and parks the calling pump until {@link #recover}. */
    private void goSilent(Link link) {
        if (!link.silent) {
            link.silent = true;
            silentSinceNanos = System.nanoTime();
            lastFiring = "went silent at " + java.time.LocalTime.now() + " on port " + link.client.getPort();
            silent.add(link);
        }
        synchronized (silence) {
            while (!link.client.isClosed()) {
                try {
                    silence.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Once, runs the action when the next request larger than {@code bytes} has forwarded that many; the rest of it waits for the action. */
    void actInRequest(long bytes, Runnable action) {
        armed.set(new Trigger(bytes, action, 0));
    }

    /**
     * Once, runs the action when the server starts to answer the next request of at least
     * {@code requestBytes} (it took the whole request in: a block is appended), before the client
     * hears of it; the answer waits for the action, then goes on. The action may arm the next trigger.
     */
    void actAsAnswered(long requestBytes, Runnable action) {
        armedAnswer.set(new Trigger(requestBytes, action, 0));
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

    /** When and where the last trigger went off, for assertion messages. */
    String lastFiring() {
        return lastFiring;
    }

    /** System.nanoTime() of the last trigger going off (0: none yet). */
    long firedAtNanos() {
        return firedAtNanos;
    }

    /** Takes back the armed trigger; true when there was one (it has not gone off). */
    boolean disarm() {
        return armed.getAndSet(null) != null | armedReply.getAndSet(null) != null | armedAnswer.getAndSet(null) != null;
    }

    /** Bytes forwarded from clients to the server so far. */
    long bytesToServer() {
        return bytesToServer.get();
    }

    /** From now on, keeps the bytes of every new connection, both ways (for small transfers: all of it stays in memory). */
    public void record() {
        recording = true;
    }

    /** The recorded bytes, one array per connection and direction. */
    public List<byte[]> recorded() {
        return recorded.stream().map(ByteArrayOutputStream::toByteArray).toList();
    }

    /** Limits client-to-server traffic to about this rate (0: unlimited). */
    public void throttle(long bytesPerSecond) {
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
                Link link = new Link();
                link.client = client;
                link.upstream = upstream;
                if (recording) {
                    link.sent = new ByteArrayOutputStream();
                    link.received = new ByteArrayOutputStream();
                    recorded.add(link.sent);
                    recorded.add(link.received);
                }
                pumpRequests(client, upstream, link);
                pumpReplies(upstream, client, link);
            } catch (IOException e) {
                // the target refused (it is restarting): the client sees its connection end, as without a proxy
                close(client);
            }
        }
    }

    /** Server to client: any reply byte means the request before it was read whole. */
    private void pumpReplies(Socket from, Socket to, Link link) {
        start(from, to, (in, out, buf) -> {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (link.silent) {
                    goSilent(link);
                    return;
                }
                if (link.requestBytes > 0) {
                    answering(link);
                    link.replyBytes = 0;
                }
                link.requestBytes = 0;
                long before = link.replyBytes;
                link.replyBytes = before + n;
                Trigger t = armedReply.get();
                if (t != null && before + n > t.bytes() && armedReply.compareAndSet(t, null)) {
                    int keep = (int) Math.max(0, t.bytes() - before);
                    if (link.received != null) link.received.write(buf, 0, keep);
                    out.write(buf, 0, keep);
                    out.flush();
                    if (!fire(t, link, from, to, in, buf)) return;
                    if (link.received != null) link.received.write(buf, keep, n - keep);
                    out.write(buf, keep, n - keep);
                    out.flush();
                    continue;
                }
                if (link.received != null) link.received.write(buf, 0, n);
                out.write(buf, 0, n);
                out.flush();
            }
        });
    }

    /** The first bytes of an answer to a request of {@code link.requestBytes} arrived: sets off the answer trigger, if armed for it. */
    private void answering(Link link) {
        Trigger t = armedAnswer.get();
        if (t == null || link.requestBytes < t.bytes() || !armedAnswer.compareAndSet(t, null)) return;
        firedAtNanos = System.nanoTime();
        lastFiring = "trigger went off at " + java.time.LocalTime.now() + " on port " + link.client.getPort() + ", as a request was answered (action)";
        t.action().run();
    }

    /** Client to server, where the triggers go off. */
    private void pumpRequests(Socket from, Socket to, Link link) {
        start(from, to, (in, out, buf) -> {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (link.silent) {
                    goSilent(link);
                    return;
                }
                bytesToServer.addAndGet(n);
                if (link.sent != null) link.sent.write(buf, 0, n);
                long before = link.requestBytes;
                link.requestBytes = before + n;
                Trigger t = armed.get();
                if (t != null && before + n > t.bytes() && armed.compareAndSet(t, null)) {
                    int keep = (int) Math.max(0, t.bytes() - before);
                    out.write(buf, 0, keep);
                    out.flush();
                    if (!fire(t, link, from, to, in, buf)) return;
                    out.write(buf, keep, n - keep);
                    out.flush();
                    continue;
                }
                pace(n);
                out.write(buf, 0, n);
                out.flush();
            }
        });
    }

    /**
     * A trigger went off on {@code link}, {@code from} being the side whose bytes set it off: cuts the
     * connection, silences it or runs the action (the rest of the message waits until the action is
     * done, so the other end cannot finish it before the action takes a server down). False when the
     * pump is to stop.
     */
    private boolean fire(Trigger t, Link link, Socket from, Socket to, InputStream in, byte[] buf) throws IOException {
        firedAtNanos = System.nanoTime();
        lastFiring = "trigger went off at " + java.time.LocalTime.now() + " on port " + link.client.getPort()
                + (from == link.client ? ", in a request" : ", in a reply") + (t.action() == null ? " (cut)" : " (action)");
        if (t.action() == SILENCE) {
            goSilent(link);
            return false;
        }
        if (t.action() == null) {
            cuts++;
            refuseUntil = System.currentTimeMillis() + t.outage();
            if (from == link.client) {
                dropRestOfMessage(from, to, in, buf);
            } else {
                // a reply cut: the runner, reading it, sees its connection end
                close(link.client);
                close(link.upstream);
            }
            return false;
        }
        Thread fire = new Thread(t.action(), "proxy-trigger");
        fire.setDaemon(true);
        fire.start();
        try {
            fire.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (from == link.client) return true;
        // in a reply: what the server wrote before it went down may all sit in socket buffers on the way; its restart
        // resets the connection, and the rest of the reply never arrives
        close(link.client);
        close(link.upstream);
        return false;
    }

    private interface Pump {
        void run(InputStream in, OutputStream out, byte[] buf) throws IOException;
    }

    private void start(Socket from, Socket to, Pump pump) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                pump.run(in, out, new byte[8192]);
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
     * The server gets the request up to the cut and then loses the connection; the client's write
     * goes into the void and it learns of the drop when it reads the answer. (Closing the client's
     * socket while it still writes would make the API report the call as not sent, and the
     * runner would resend it on a new connection: the partition would not fail at all.)
     */
    private static void dropRestOfMessage(Socket client, Socket server, InputStream in, byte[] buf) throws IOException {
        close(server);
        client.setSoTimeout(300);
        try {
            while (in.read(buf) > 0) {
                // discarded
            }
        } catch (java.net.SocketTimeoutException e) {
            // the client has sent its request and waits for the answer
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
