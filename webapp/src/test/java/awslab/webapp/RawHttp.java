package awslab.webapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Bytes on a socket, for requests no well-behaved HTTP client would send, and their answers. */
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

    /**
     * What came back for one request: the first final (non-1xx) response, complete or not.
     * {@code status} is -1 when not even a status line arrived.
     */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean complete, boolean timedOut, long millis) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends {@code request} on a new connection and reads one answer within {@code bound}.
     * {@code head}: the answer to a HEAD has no body, whatever its headers say.
     */
    static Answer send(int port, byte[] request, boolean head, Duration bound) throws IOException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoLinger(true, 0); // no TIME_WAIT: a long run opens a hundred thousand connections
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before reading everything (a 413, a 400): read on.
            }
            return read(socket, head, start, deadline);
        }
    }

    /** Reads an answer from {@code socket} until it is complete, the server closes, or {@code deadline} (nanoTime). */
    static Answer read(Socket socket, boolean head, long start, long deadline) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16384];
        while (true) {
            Answer answer = parse(received.toByteArray(), head, false, start);
            if (answer != null && answer.complete()) {
                return answer;
            }
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return orNone(parse(received.toByteArray(), head, true, start), true, start);
            }
            socket.setSoTimeout((int) left);
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue; // the deadline check above ends the loop
            } catch (IOException e) {
                read = -1; // reset by the server: what arrived is the answer
            }
            if (read < 0) {
                return orNone(parse(received.toByteArray(), head, true, start), false, start);
            }
            received.write(buffer, 0, read);
        }
    }

    private static Answer orNone(Answer answer, boolean timedOut, long start) {
        Answer none = new Answer(-1, Map.of(), new byte[0], false, timedOut, elapsed(start));
        return answer == null ? none : new Answer(answer.status(), answer.headers(), answer.body(), answer.complete(),
                timedOut && !answer.complete(), answer.millis());
    }

    /** The first final response in {@code bytes}, or null before its headers end; {@code closed}: no more bytes will come. */
    private static Answer parse(byte[] bytes, boolean head, boolean closed, long start) {
        int from = 0;
        while (true) {
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
            if (end < 0) {
                return null;
            }
            String[] lines = new String(bytes, from, end - from, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (RuntimeException e) {
                return new Answer(-1, Map.of(), Arrays.copyOfRange(bytes, from, bytes.length), true, false, elapsed(start));
            }
            if (status >= 100 && status < 200) { // 100 Continue: the real answer follows
                from = end + 4;
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            int bodyStart = end + 4;
            if (head || status == 204 || status == 304) {
                return new Answer(status, headers, new byte[0], true, false, elapsed(start));
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                return chunked(bytes, bodyStart, status, headers, start);
            }
            String length = headers.get("content-length");
            if (length != null) {
                int want = Integer.parseInt(length);
                boolean complete = bytes.length - bodyStart >= want;
                byte[] body = Arrays.copyOfRange(bytes, bodyStart, complete ? bodyStart + want : bytes.length);
                return new Answer(status, headers, body, complete, false, elapsed(start));
            }
            return new Answer(status, headers, Arrays.copyOfRange(bytes, bodyStart, bytes.length), closed, false, elapsed(start));
        }
    }

    private static Answer chunked(byte[] bytes, int at, int status, Map<String, String> headers, long start) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = indexOf(bytes, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                return new Answer(status, headers, body.toByteArray(), false, false, elapsed(start));
            }
            String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                return new Answer(status, headers, body.toByteArray(), true, false, elapsed(start));
            }
            if (bytes.length < lineEnd + 2 + size + 2) {
                return new Answer(status, headers, body.toByteArray(), false, false, elapsed(start));
            }
            body.write(bytes, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
