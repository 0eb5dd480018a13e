package awslab.testing;

import awslab.api.AwsClients;
import awslab.target.ClientFactory;
import awslab.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An HTTP proxy on 127.0.0.1 in front of an AWS-compatible endpoint (Moto, the sandbox) that
 * misbehaves the way networks and AWS do, per operation: it delays, throttles (AWS-style 400
 * {@code Throttling} or 503), answers 500, cuts the connection before forwarding, truncates the
 * answer's body, answers {@code 401 AuthFailure} or {@code ExpiredToken}, or forwards the
 * request and then drops the answer (the call was done; the caller never hears of it). SDK
 * clients in tests use it as their endpoint; everything it does not fault, it forwards as is.
 *
 * <pre>
 * try (FaultProxy proxy = FaultProxy.in(MotoServer.get().endpoint())) {
 *     proxy.on("RunInstances", Fault.DROP_RESPONSE, 1);   // the next RunInstances only
 *     Ec2Client ec2 = …endpointOverride(proxy.endpoint())…;
 * }
 * </pre>
 *
 * <p>The operation is read as the SDK sends it: {@code Action=} in a query-protocol body, the
 * {@code X-Amz-Target} header of JSON protocols, or the last path segment of CBOR/RPC-v2 calls.
 * Every request is recorded ({@link #requests()}), so tests can compare what the retries sent.
 */
public final class FaultProxy implements AutoCloseable {
    /** What the proxy does to one matching call. */
    public enum Fault {
        /** Waits {@link #DELAY} before forwarding. */
        DELAY,
        /** 400 with the service's {@code Throttling} error (EC2: {@code RequestLimitExceeded}). */
        THROTTLE,
        /** 503 {@code ServiceUnavailable}, nothing forwarded. */
        UNAVAILABLE,
        /** 500 {@code InternalError}, nothing forwarded. */
        SERVER_ERROR,
        /** Closes the connection before forwarding: the call was not done. */
        CUT,
        /** Forwards, then sends half of the answer's body (with a matching Content-Length). */
        TRUNCATE,
        /** 401 {@code AuthFailure}, as AWS answers a signature or key it does not accept. */
        AUTH_FAILURE,
        /** 401 with no body at all. */
        BARE_401,
        /** 400 {@code ExpiredToken}: the Learner Lab session behind the credentials has ended. */
        EXPIRED_TOKEN,
        /** 400 {@code UnsupportedOperation}: an option the resource does not support (latest console output on a t2). */
        UNSUPPORTED,
        /** Forwards, reads the answer, then closes the connection without sending it. */
        DROP_RESPONSE,
        /** Answers success without forwarding: as AWS accepts a deletion it finishes much later. */
        PRETEND
    }

    /** How long {@link Fault#DELAY} waits. */
    public static final Duration DELAY = Duration.ofSeconds(2);

    /** One request as the proxy saw it: the operation and its decoded query parameters (empty for other protocols). */
    public record Request(String operation, Map<String, String> params) {}

    private record Rule(String operation, Fault fault, int[] remaining) {}

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.Deque<String>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers.execute(this::acceptLoop);
    }

    /** A proxy on an ephemeral loopback port in front of {@code upstream} (which must be on loopback too). */
    public static FaultProxy in(URI upstream) {
        if (!InetAddress.getLoopbackAddress().getHostAddress().equals(upstream.getHost())
                && !"localhost".equals(upstream.getHost())) {
            throw new IllegalArgumentException("the fault proxy forwards to loopback only, not " + upstream);
        }
        try {
            return new FaultProxy(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The shell's own clients ({@link ClientFactory}: its retries and timeouts), pointed at this proxy. */
    public AwsClients clients() {
        return ClientFactory.build(Target.endpoint(endpoint(), "us-east-1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    /** Faults the next {@code times} calls of {@code operation} ({@code "*"}: any operation). */
    public FaultProxy on(String operation, Fault fault, int times) {
        rules.add(new Rule(operation, fault, new int[] {times}));
        return this;
    }

    /** Faults every call of {@code operation} from now on, until {@link #clear()}. */
    public FaultProxy always(String operation, Fault fault) {
        return on(operation, fault, Integer.MAX_VALUE);
    }

    /**
     * Answers {@code operation} itself with these XML bodies (200), one per call, the last one
     * again and again: what an emulator cannot answer, such as a booting instance's console.
     */
    public FaultProxy answer(String operation, String... bodies) {
        answers.put(operation, new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(bodies)));
        return this;
    }

    /** Forgets every rule and answer: everything is forwarded again. */
    public FaultProxy clear() {
        rules.clear();
        answers.clear();
        return this;
    }

    /** Every request seen so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one operation. */
    public List<Request> requests(String operation) {
        return requests.stream().filter(r -> operation.equals(r.operation())).toList();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            while (true) {
                Message request = Message.read(in, true);
                if (request == null) {
                    return;
                }
                String operation = operation(request);
                requests.add(new Request(operation, params(request)));
                Fault fault = take(operation);
                if (!answer(client.getOutputStream(), request, operation, fault)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    /** Answers one request; false when the connection must be closed. */
    private boolean answer(OutputStream out, Message request, String operation, Fault fault) throws IOException {
        java.util.Deque<String> canned = answers.get(operation);
        if (fault == null && canned != null && !canned.isEmpty()) {
            String body = canned.size() > 1 ? canned.pollFirst() : canned.peekFirst();
            out.write(new Message("HTTP/1.1 200 OK", new LinkedHashMap<>(Map.of("content-type", "text/xml;charset=UTF-8")),
                    body.getBytes(StandardCharsets.UTF_8)).bytes());
            return true;
        }
        if (fault == null) {
            out.write(forward(request).bytes());
            return true;
        }
        switch (fault) {
            case DELAY -> {
                pause(DELAY);
                out.write(forward(request).bytes());
                return true;
            }
            case THROTTLE -> out.write(error(400, request, operation.equals("RunInstances") || isEc2(request)
                    ? "RequestLimitExceeded" : "Throttling", "Rate exceeded").bytes());
            case UNAVAILABLE -> out.write(error(503, request, "ServiceUnavailable", "Service is unavailable").bytes());
            case SERVER_ERROR -> out.write(error(500, request, "InternalError", "An internal error has occurred").bytes());
            case AUTH_FAILURE -> out.write(error(401, request, "AuthFailure",
                    "AWS was not able to validate the provided access credentials").bytes());
            case BARE_401 -> out.write(new Message("HTTP/1.1 401 Unauthorized", new LinkedHashMap<>(), new byte[0]).bytes());
            case EXPIRED_TOKEN -> out.write(error(400, request, "ExpiredToken",
                    "The security token included in the request is expired").bytes());
            case UNSUPPORTED -> out.write(error(400, request, "UnsupportedOperation",
                    "This instance type does not support retrieving the latest console output").bytes());
            case CUT -> {
                return false;
            }
            case TRUNCATE -> {
                Message whole = forward(request);
                byte[] half = java.util.Arrays.copyOf(whole.body(), whole.body().length / 2);
                out.write(new Message(whole.startLine(), whole.headers(), half).bytes());
            }
            case PRETEND -> {
                String xml = "<" + operation + "Response><" + operation + "Result/><ResponseMetadata><RequestId>fault-proxy"
                        + "</RequestId></ResponseMetadata></" + operation + "Response>";
                out.write(new Message("HTTP/1.1 200 OK", new LinkedHashMap<>(Map.of("content-type", "text/xml")),
                        xml.getBytes(StandardCharsets.UTF_8)).bytes());
            }
            case DROP_RESPONSE -> {
                forward(request);
                return false;
            }
            default -> throw new IllegalStateException(fault.name());
        }
        return true;
    }

    private synchronized Fault take(String operation) {
        for (Rule rule : rules) {
            if ((rule.operation().equals("*") || rule.operation().equals(operation)) && rule.remaining()[0] > 0) {
                if (rule.remaining()[0] != Integer.MAX_VALUE) {
                    rule.remaining()[0]--;
                }
                return rule.fault();
            }
        }
        return null;
    }

    private Message forward(Message request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5_000);
            socket.setSoTimeout(60_000);
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            headers.put("connection", "close");
            socket.getOutputStream().write(new Message(request.startLine(), headers, request.body()).bytes());
            Message response = Message.read(socket.getInputStream(), false);
            if (response == null) {
                throw new SocketException("no answer from " + upstream);
            }
            Map<String, String> back = new LinkedHashMap<>(response.headers());
            back.remove("transfer-encoding");
            back.put("connection", "keep-alive");
            return new Message(response.startLine(), back, response.body());
        }
    }

    /** An error in the service's own protocol, so the SDK reads its code as it would AWS's. */
    private static Message error(int status, Message request, String code, String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        String body;
        String target = request.headers().get("x-amz-target");
        if (target != null) {
            headers.put("content-type", "application/x-amz-json-1.1");
            body = "{\"__type\":\"" + code + "\",\"message\":\"" + text + "\"}";
        } else if (isEc2(request)) {
            headers.put("content-type", "text/xml;charset=UTF-8");
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>"
                    + text + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
        } else {
            headers.put("content-type", "text/xml");
            body = "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + text
                    + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
        }
        String reason = switch (status) {
            case 401 -> "Unauthorized";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Bad Request";
        };
        return new Message("HTTP/1.1 " + status + " " + reason, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** EC2 is the one query-protocol service whose errors are {@code Response/Errors/Error}. */
    private static boolean isEc2(Message request) {
        String auth = request.headers().getOrDefault("authorization", "");
        return auth.contains("/ec2/aws4_request");
    }

    private static String operation(Message request) {
        String target = request.headers().get("x-amz-target");
        if (target != null) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        String action = params(request).get("Action");
        if (action != null) {
            return action;
        }
        String path = request.startLine().split(" ")[1];
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Map<String, String> params(Message request) {
        Map<String, String> params = new LinkedHashMap<>();
        String type = request.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return params;
        }
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One HTTP/1.1 message: its first line, its headers (names in lower case) and its whole body. */
    record Message(String startLine, Map<String, String> headers, byte[] body) {

        /** Reads one message; null at a clean end of stream. Bodies by Content-Length, chunks, or (answers) until close. */
        static Message read(InputStream in, boolean isRequest) throws IOException {
            String start = line(in);
            if (start == null || start.isEmpty()) {
                return null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunks(in);
            } else {
                body = isRequest ? new byte[0] : in.readAllBytes();
            }
            return new Message(start, headers, body);
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(startLine).append("\r\n");
            List<String> skip = new ArrayList<>(List.of("content-length", "transfer-encoding"));
            headers.forEach((name, value) -> {
                if (!skip.contains(name)) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("content-length: ").append(body.length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        }

        private static byte[] chunks(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int chunk = 0; chunk < 100_000; chunk++) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    line(in);
                    break;
                }
                body.writeBytes(in.readNBytes(length));
                line(in);
            }
            return body.toByteArray();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    String text = bytes.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                bytes.write(b);
            }
            return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
