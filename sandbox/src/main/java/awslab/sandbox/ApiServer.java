package awslab.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's AWS endpoint on 127.0.0.1: one URL for every service, as an emulator's. It
 * finds the service in the SigV4 {@code Authorization} header's credential scope ({@code
 * .../us-east-1/ec2/aws4_request}) — signatures are not checked — and answers in the wire
 * format the SDK expects: EC2 Query, AWS Query (Auto Scaling, ELBv2, STS), JSON 1.1 (SSM) or
 * Smithy RPC v2 CBOR (CloudWatch).
 *
 * <pre>
 * ApiServer api = ApiServer.start(cloud, loadBalancing, autoScaling, 0); // 0: any free port
 * Ec2Client ec2 = Ec2Client.builder().endpointOverride(api.endpoint())...build();
 * </pre>
 */
final class ApiServer implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    private final HttpServer server;
    private final ExecutorService threads;
    private final Cloud cloud;
    private final Ec2Api ec2;
    private final ElbApi elb;
    private final AutoScalingApi autoScaling;
    private final SsmApi ssm = new SsmApi();
    private final CloudWatchApi cloudWatch;

    private ApiServer(HttpServer server, ExecutorService threads, Cloud cloud, LoadBalancing loadBalancing, AutoScaling scaling) {
        this.server = server;
        this.threads = threads;
        this.cloud = cloud;
        this.ec2 = new Ec2Api(cloud);
        this.elb = new ElbApi(cloud, loadBalancing);
        this.autoScaling = new AutoScalingApi(cloud, scaling);
        this.cloudWatch = new CloudWatchApi(scaling);
    }

    static ApiServer start(Cloud cloud, LoadBalancing loadBalancing, AutoScaling scaling, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4, Cloud.daemon("sandbox-api"));
        ApiServer api = new ApiServer(server, threads, cloud, loadBalancing, scaling);
        server.createContext("/", api::handle);
        server.setExecutor(threads);
        server.start();
        return api;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code path} (e.g. the sandbox's own {@code /awslab/} calls) beside the AWS API. */
    void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    private void handle(HttpExchange exchange) throws IOException {
        cloud.touch();
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            String service = service(exchange);
            String requestId = UUID.randomUUID().toString();
            if ("monitoring".equals(service)) {
                String path = exchange.getRequestURI().getPath();
                CloudWatchApi.Reply reply = cloudWatch.handle(path.substring(path.lastIndexOf('/') + 1), raw);
                cloud.persist();
                exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
                exchange.getResponseHeaders().set("Content-Type", "application/cbor");
                exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
                return;
            }
            if ("ssm".equals(service)) {
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                SsmApi.Reply reply = ssm.handle(target, body);
                send(exchange, reply.status(), "application/x-amz-json-1.1", reply.body(), requestId);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            Params params = Params.parse(body.isEmpty() && query != null ? query : body);
            String action = params.get("Action");
            try {
                if (action == null) {
                    throw AwsError.missing("Action");
                }
                String xml = switch (service) {
                    case "ec2" -> ec2.handle(action, params, requestId);
                    case "elasticloadbalancing" -> elb.handle(action, params, requestId);
                    case "autoscaling" -> autoScaling.handle(action, params, requestId);
                    case "sts" -> sts(action, requestId);
                    default -> throw AwsError.unsupported(service, action);
                };
                send(exchange, 200, "text/xml", xml, requestId);
            } catch (AwsError e) {
                send(exchange, e.status(), "text/xml", error(service, e, requestId), requestId);
            } catch (RuntimeException e) {
                AwsError internal = new AwsError(500, "InternalError", "The sandbox failed on " + action + ": " + e);
                send(exchange, 500, "text/xml", error(service, internal, requestId), requestId);
            }
        }
    }

    /** The service from the SigV4 scope; without a signature, from the JSON target or the API version. */
    private static String service(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            Matcher matcher = SCOPE.matcher(authorization);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.startsWith("AmazonSSM.")) {
            return "ssm";
        }
        return "ec2";
    }

    private static String sts(String action, String requestId) {
        if (!"GetCallerIdentity".equals(action)) {
            throw AwsError.unsupported("sts", action);
        }
        return new Xml().open("GetCallerIdentityResponse", Xml.STS_NS).open("GetCallerIdentityResult")
                .leaf("Arn", "arn:aws:sts::" + CloudState.ACCOUNT + ":assumed-role/voclabs/sandbox")
                .leaf("UserId", "AROASANDBOX00000000000:sandbox").leaf("Account", CloudState.ACCOUNT).end()
                .open("ResponseMetadata").leaf("RequestId", requestId).end().end().toString();
    }

    /** EC2 has its own error shape; the other Query services share {@code ErrorResponse}. */
    private static String error(String service, AwsError e, String requestId) {
        if ("ec2".equals(service)) {
            return new Xml().open("Response").open("Errors").open("Error").leaf("Code", e.code()).leaf("Message", e.getMessage())
                    .end().end().leaf("RequestID", requestId).end().toString();
        }
        return new Xml().open("ErrorResponse").open("Error").leaf("Type", e.status() >= 500 ? "Receiver" : "Sender")
                .leaf("Code", e.code()).leaf("Message", e.getMessage()).end().leaf("RequestId", requestId).end().toString();
    }

    /** Saves what the call changed, then answers: a client is never told of a change a crash could lose. */
    private void send(HttpExchange exchange, int status, String type, String body, String requestId) throws IOException {
        cloud.persist();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + ";charset=UTF-8");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
