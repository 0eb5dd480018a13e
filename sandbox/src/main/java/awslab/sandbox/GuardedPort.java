package awslab.sandbox;

import awslab.logging.Background;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * One of an instance's ports as the student's machine reaches it (its port 80 or 22): a TCP
 * gate on loopback in front of the real server, asking the instance's security groups at each
 * connection. Let in, the connection is relayed byte for byte. Kept out, it behaves as AWS's
 * dropped packets do: nothing ever answers, and the client waits for its own timeout (the gate
 * lets go after {@link #HOLD} at most). Let in to a server that is not running, it is reset,
 * as a closed port is.
 *
 * <pre>
 * GuardedPort web = GuardedPort.open(() -> webPort, () -> firewall.admits(instance, 80));
 * web.port();   // what the student's browser opens
 * </pre>
 */
final class GuardedPort implements AutoCloseable {
    /** How long a kept-out connection is held before the gate lets go: about Linux's own connect timeout. */
    static final Duration HOLD = Duration.ofMinutes(2);
    private static final System.Logger LOG = System.getLogger(GuardedPort.class.getName());

    private final ServerSocket server;
    private final IntSupplier target;
    private final BooleanSupplier admitted;
    private final ExecutorService threads = Executors.newCachedThreadPool(Background.threads("sandbox-gate"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private GuardedPort(ServerSocket server, IntSupplier target, BooleanSupplier admitted) {
        this.server = server;
        this.target = target;
        this.admitted = admitted;
    }

    /** A gate on a free loopback port, relaying to {@code target}'s port when {@code admitted} says so. */
    static GuardedPort open(IntSupplier target, BooleanSupplier admitted) throws IOException {
        return open(0, target, admitted);
    }

    /**
     * The same on {@code preferred} (the port the instance had before its sandbox restarted: a
     * student's browser tab still open on it keeps working) while that port is free, else on any.
     */
    static GuardedPort open(int preferred, IntSupplier target, BooleanSupplier admitted) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Math.max(0, preferred)), 64);
        } catch (java.net.BindException e) {
            server.close();
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        GuardedPort gate = new GuardedPort(server, target, admitted);
        gate.threads.submit(gate::acceptLoop);
        return gate;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.DEBUG, "a gate could not accept a connection", e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            boolean in;
            try {
                in = admitted.getAsBoolean();
            } catch (RuntimeException e) {
                in = false; // an instance gone in the meantime lets nothing in
            }
            if (!in) {
                hold(client);
                return;
            }
            int port = target.getAsInt();
            Socket server;
            try {
                server = port == 0 ? null : new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                server = null;
            }
            if (server == null) {
                client.setSoLinger(true, 0); // nothing listens behind the gate: a reset, as from a closed port
                return;
            }
            try (Socket backend = server) {
                // a relay forwards what it reads at once: Nagle's delay on either side would stall small answers
                client.setTcpNoDelay(true);
                backend.setTcpNoDelay(true);
                open.add(backend);
                threads.submit(() -> pump(client, backend));
                pump(backend, client);
            } finally {
                open.remove(server);
            }
        } catch (IOException e) {
            // either side went away: the relay ends
        } finally {
            open.remove(client);
        }
    }

    /** A dropped connection: read and forget whatever comes, answer nothing, until the client gives up or {@link #HOLD} passes. */
    private static void hold(Socket client) throws IOException {
        client.setSoTimeout((int) HOLD.toMillis());
        InputStream in = client.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (java.net.SocketTimeoutException e) {
            // held long enough
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(GuardedPort::closeQuietly);
        threads.shutdownNow();
    }
}
