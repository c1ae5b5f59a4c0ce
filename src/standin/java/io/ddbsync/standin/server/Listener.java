package io.ddbsync.standin.server;

import io.ddbsync.standin.StandInNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Accepts connections on 127.0.0.1 and serves each on its own thread, as its own session.
 * Connections are blocking socket channels, so that bulk data moves between the socket and
 * direct or mapped buffers without passing through the heap. A node configured with
 * {@code enableHTTPS=true} speaks TLS on its port instead, to every client: a client without TLS
 * fails its first request (the stand-in's choice; DolphinDB's manual does not say whether such a
 * node still answers unencrypted API requests).
 */
public final class Listener {
    /**
     * A short send queue. Replies (fetchSize blocks above all) are produced far faster than the
     * client decodes them; with a long queue, what waits in it is transmitted when the client's
     * reads open the window, on the client's thread, which on loopback then also pays for the
     * server's sending. Short, the server's own thread sends nearly all of it: measured, a 10M-row
     * read costs the client about 10% less CPU with 128 KB than with the default. Not much
     * shorter: at 32 KB (the kernel doubles it: one 64 KB loopback segment) a stream stalls on
     * delayed acknowledgements.
     */
    private static final int SEND_BUFFER = 128 << 10;
    private final ServerSocketChannel serverChannel;
    private final int port;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    /** Null unless the node has enableHTTPS=true. */
    private final SSLContext tls;

    private Listener(ServerSocketChannel serverChannel, StandInNode node, SSLContext tls) throws IOException {
        this.serverChannel = serverChannel;
        this.tls = tls;
        this.port = ((InetSocketAddress) serverChannel.getLocalAddress()).getPort();
        this.acceptor = new Thread(() -> acceptLoop(node), "stand-in-accept-" + port);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static Listener open(int port, StandInNode node) throws IOException {
        ServerSocketChannel ss = ServerSocketChannel.open();
        ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        SSLContext tls = Boolean.parseBoolean(node.config("enableHTTPS", "false")) ? ServerTls.context(node.dataDir()) : null;
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        return new Listener(ss, node, tls);
    }

    public int port() {
        return port;
    }

    private void acceptLoop(StandInNode node) {
        while (serverChannel.isOpen()) {
            try {
                SocketChannel s = serverChannel.accept();
                s.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER);
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clients.add(s);
                int remotePort = ((InetSocketAddress) s.getRemoteAddress()).getPort();
                Thread t = new Thread(() -> {
                    try {
                        new ClientConnection(channel(s), node).run();
                    } catch (IOException e) {
                        // TLS could not be set up over the socket: the client sees its connection end
                        closeQuietly(s);
                    } finally {
                        clients.remove(s);
                    }
                }, "stand-in-session-" + remotePort);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!serverChannel.isOpen()) return;
            }
        }
    }

    /** The session's channel: the socket itself, or TLS over it (its handshake on the session's first read). */
    private ByteChannel channel(SocketChannel s) throws IOException {
        if (tls == null) return s;
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(s.socket(), null, s.socket().getPort(), true);
        socket.setUseClientMode(false);
        return new TlsChannel(socket);
    }

    public void close() {
        try {
            serverChannel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SocketChannel s : clients) closeQuietly(s);
    }

    private static void closeQuietly(SocketChannel s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
