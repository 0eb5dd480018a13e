package awslab.reach;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether this network lets a TCP connection out to a port — a campus or company network often
 * blocks SSH (22) outward while the web (80, 443) passes. The target is always given: the shell
 * uses a well-known public SSH server on AWS, tests a server of their own on 127.0.0.1.
 *
 * <pre>
 * PortProbe.Result r = PortProbe.parse("github.com:22").orElseThrow().probe(Duration.ofSeconds(4));
 * </pre>
 */
public record PortProbe(String host, int port) {
    /**
     * A well-known public SSH server: when an instance's port 22 is silent and this one is too,
     * the network in between drops SSH. Only a TCP connection is opened, nothing is sent.
     */
    public static final String PUBLIC_SSH = "github.com:22";

    /** What the connection attempt met. */
    public enum Result {
        /** The connection was made: the port is open outward. */
        OPEN,
        /** Refused at once: the network let it out, the host said no. */
        REFUSED,
        /** No answer before the timeout: the usual sign of a firewall that drops the port. */
        SILENT,
        /** The host name could not be resolved: no DNS, or no network at all. */
        UNRESOLVED
    }

    public PortProbe {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** {@code HOST:PORT}, or empty when it is not one. */
    public static Optional<PortProbe> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PortProbe(text.substring(0, colon).trim(), Integer.parseInt(text.substring(colon + 1).trim())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Result probe(Duration timeout) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return Result.UNRESOLVED;
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            return Result.OPEN;
        } catch (ConnectException e) {
            return Result.REFUSED;
        } catch (SocketTimeoutException e) {
            return Result.SILENT;
        } catch (UnknownHostException e) {
            return Result.UNRESOLVED;
        } catch (IOException e) {
            return Result.SILENT;
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
