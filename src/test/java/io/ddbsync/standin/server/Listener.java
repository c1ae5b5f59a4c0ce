package io.ddbsync.standin.server;

import io.ddbsync.standin.StandInNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accepts connections on 127.0.0.1 and serves each on its own thread, as its own session. */
public final class Listener {
    private final ServerSocket serverSocket;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private Listener(ServerSocket serverSocket, StandInNode node) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(() -> acceptLoop(node), "stand-in-accept-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static Listener open(int port, StandInNode node) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        return new Listener(ss, node);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop(StandInNode node) {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                clients.add(s);
                Thread t = new Thread(() -> {
                    try {
                        new ClientConnection(s, node).run();
                    } finally {
                        clients.remove(s);
                    }
                }, "stand-in-session-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (serverSocket.isClosed()) return;
            }
        }
    }

    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : clients) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
