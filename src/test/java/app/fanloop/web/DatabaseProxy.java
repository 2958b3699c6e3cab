package app.fanloop.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of PostgreSQL that a test can cut, as if the database had stopped: cutting
 * closes every live connection and the listening socket (new connections are refused); stalling closes
 * the live connections and then accepts new ones without ever answering (a database that hangs);
 * restoring listens and forwards again on the same port. Plain sockets, two threads per connection.
 */
public final class DatabaseProxy {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean stalled;
    private volatile int port;

    public DatabaseProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Listens on a free port of 127.0.0.1 (the first time) or on the same port again. */
    public synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        port = socket.getLocalPort();
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "db-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Like a stopped database: live connections break, new ones are refused. */
    public synchronized void cut() {
        close(listener);
        listener = null;
        for (Socket s : sockets) {
            close(s);
        }
        sockets.clear();
    }

    /** Like a database that hangs: live connections break, new ones are accepted and never answered. */
    public synchronized void stall() throws IOException {
        stalled = true;
        for (Socket s : sockets) {
            close(s);
        }
        sockets.clear();
        start();
    }

    public synchronized void restore() throws IOException {
        stalled = false;
        for (Socket s : held) {
            close(s);
        }
        held.clear();
        start();
    }

    public int port() {
        return port;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            if (stalled) {
                held.add(client);
                continue;
            }
            try {
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                if (listener != socket) {
                    // Cut while this connection was being opened.
                    close(client);
                    close(server);
                    continue;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                close(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // The other side closed, or the proxy was cut.
            } finally {
                close(from);
                close(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "db-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
