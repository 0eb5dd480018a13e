package awslab.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Bytes on a socket, for requests no well-behaved HTTP client would send. */
final class RawHttp {
    private RawHttp() {}

    /** Sends {@code request} to 127.0.0.1:{@code port} and reads until the server closes (10 s at most). */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }
}
