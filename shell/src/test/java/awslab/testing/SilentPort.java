package awslab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 that never answers, as behind a firewall that drops its packets: a
 * listener whose queue is filled and never drained, so a further connection attempt gets no
 * reply and times out (it is neither accepted nor refused).
 *
 * <pre>
 * try (SilentPort silent = SilentPort.open()) {
 *     new Socket().connect(new InetSocketAddress("127.0.0.1", silent.port()), 500); // SocketTimeoutException
 * }
 * </pre>
 */
public final class SilentPort implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> queued;

    private SilentPort(ServerSocket listener, List<Socket> queued) {
        this.listener = listener;
        this.queued = queued;
    }

    public static SilentPort open() {
        try {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            List<Socket> queued = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // the kernel queues a few more than the backlog asked for
                Socket socket = new Socket();
                try {
                    socket.connect(listener.getLocalSocketAddress(), 300);
                    queued.add(socket);
                } catch (IOException full) {
                    socket.close();
                    break;
                }
            }
            return new SilentPort(listener, queued);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        listener.close();
    }
}
