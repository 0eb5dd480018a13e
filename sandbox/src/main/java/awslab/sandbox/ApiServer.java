package awslab.sandbox;

import awslab.logging.Background;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's AWS endpoint on 127.0.0.1: one URL for every service, as an emulator's. It
 * finds the service and the region in the SigV4 {@code Authorization} header's credential
 * scope ({@code .../us-east-1/ec2/aws4_request}) — signatures are not checked — refuses the
 * regions Learner Lab refuses, and answers in the wire format the client spoke: EC2 Query; AWS
 * Query (Auto Scaling, ELBv2, STS); JSON 1.1 (SSM); CloudWatch in all three of its protocols
 * (Smithy RPC v2 CBOR for the Java SDK, JSON 1.0 for boto3 and the AWS CLI, AWS Query for older
 * clients). A service the sandbox does not serve gets an error in its own protocol (REST-XML
 * for S3, JSON for the JSON services, Query for classic ELB and the other Query services),
 * which the AWS CLI prints as one clean line. {@code GET /checkip} answers the student's
 * fictional public address, as {@code checkip.amazonaws.com} does on the internet.
 *
 * <pre>
 * ApiServer api = ApiServer.start(cloud, loadBalancing, autoScaling, 0); // 0: any free port
 * Ec2Client ec2 = Ec2Client.builder().endpointOverride(api.endpoint())...build();
 * </pre>
 */
final class ApiServer implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/([^/]+)/aws4_request");
    private static final String CLOUDWATCH_JSON_TARGET = "GraniteServiceVersion20100801.";
    private static final String CLOUDWATCH_CBOR_PATH = "/service/GraniteServiceVersion20100801/operation/";
    private static final String CLOUDWATCH_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    /** Services whose protocol is REST-XML: their errors are a bare {@code <Error>} document. */
    private static final List<String> REST_XML = List.of("s3", "s3-object-lambda", "s3control", "route53", "cloudfront");
    /** The Query services the sandbox serves; a request to another service without an {@code Action} is REST-JSON. */
    private static final List<String> QUERY = List.of("ec2", "sts", "autoscaling", "elasticloadbalancing");
    private static final String SERVED = "EC2, Auto Scaling, Elastic Load Balancing v2, CloudWatch metrics and alarms, STS"
            + " GetCallerIdentity and SSM GetParameter";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Cloud cloud;
    private final Ec2Api ec2;
    private final ElbApi elb;
    private final AutoScalingApi autoScaling;
    private final SsmApi ssm = new SsmApi();
    private final CloudWatchApi cloudWatch;

    /** Where a request goes: its service and region (from the SigV4 scope, else guessed) and its parts. */
    private record Request(String service, String region, String target, String path, byte[] raw, String body, String requestId) {}

    private ApiServer(HttpServer server, ExecutorService threads, Cloud cloud, LoadBalancing loadBalancing, AutoScaling scaling) {
        this.server = server;
        this.threads = threads;
        this.cloud = cloud;
        this.ec2 = new Ec2Api(cloud);
        this.elb = new ElbApi(cloud, loadBalancing);
        this.autoScaling = new AutoScalingApi(cloud, scaling);
        this.cloudWatch = new CloudWatchApi(cloud, scaling);
    }

    static ApiServer start(Cloud cloud, LoadBalancing loadBalancing, AutoScaling scaling, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4, Background.threads("sandbox-api"));
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
            if ("GET".equals(exchange.getRequestMethod()) && "/checkip".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 200, "text/plain", Caller.PUBLIC_IP + "\n", UUID.randomUUID().toString());
                return;
            }
            Request request = request(exchange);
            if ("monitoring".equals(request.service())) {
                cloudWatch(exchange, request);
            } else if ("ssm".equals(request.service())) {
                json(exchange, request, "1.1", () -> ssm.handle(request.target(), request.body(), region(request, "GetParameter")));
            } else if (REST_XML.contains(request.service())) {
                AwsError error = new AwsError(501, "NotImplemented", notServed(request.service()));
                send(exchange, 501, "application/xml", new Xml().open("Error").leaf("Code", error.code()).leaf("Message", error.getMessage())
                        .leaf("RequestId", request.requestId()).end().toString(), request.requestId());
            } else if (request.target() != null) {
                json(exchange, request, "1.1", () -> {
                    throw new AwsError(400, "UnknownOperationException", notServed(request.service()));
                });
            } else if (!QUERY.contains(request.service()) && !Params.parse(request.body()).has("Action")) {
                // a REST-JSON service (Lambda, API Gateway…): the error's code travels in a header
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "UnknownOperationException");
                send(exchange, 400, "application/json", Documents.toJson(Map.of("message", notServed(request.service()))),
                        request.requestId());
            } else {
                query(exchange, request);
            }
        }
    }

    private static Request request(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        String service = null;
        String region = null;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher matcher = authorization == null ? null : SCOPE.matcher(authorization);
        if (matcher != null && matcher.find()) {
            region = matcher.group(1);
            service = matcher.group(2);
        } else if (target != null && target.startsWith("AmazonSSM.")) {
            service = "ssm";
        } else if (target != null && target.startsWith(CLOUDWATCH_JSON_TARGET) || path.startsWith(CLOUDWATCH_CBOR_PATH)) {
            service = "monitoring";
        }
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(raw, StandardCharsets.UTF_8);
        return new Request(service == null ? "ec2" : service, region == null ? CloudRegion.US_EAST_1.name() : region, target, path, raw,
                body.isEmpty() && query != null ? query : body, UUID.randomUUID().toString());
    }

    private static CloudRegion region(Request request, String action) {
        return CloudRegion.served(request.region(), request.service(), action);
    }

    /** EC2 Query and AWS Query: the action in the form (or the query string), an XML answer. */
    private void query(HttpExchange exchange, Request request) throws IOException {
        Params params = Params.parse(request.body());
        String action = params.get("Action");
        String service = request.service();
        try {
            if (action == null) {
                throw AwsError.missing("Action");
            }
            String xml = switch (service) {
                case "sts" -> sts(action, request.requestId());
                case "ec2" -> ec2.handle(action, params, call(request, action, params));
                case "elasticloadbalancing" -> {
                    if ("2012-06-01".equals(params.get("Version"))) { // classic ELB shares the service name
                        throw new AwsError(400, "InvalidAction", "The sandbox does not serve classic load balancers (API version"
                                + " 2012-06-01); the lab uses an Application Load Balancer: aws elbv2 " + cliName(action) + ".");
                    }
                    yield elb.handle(action, params, call(request, action, params));
                }
                case "autoscaling" -> autoScaling.handle(action, params, call(request, action, params));
                default -> throw new AwsError(400, "InvalidAction", notServed(service));
            };
            send(exchange, 200, "text/xml", xml, request.requestId());
        } catch (AwsError e) {
            send(exchange, e.status(), "text/xml", error(service, e, request.requestId()), request.requestId());
        } catch (RuntimeException e) {
            AwsError internal = new AwsError(500, "InternalError", "The sandbox failed on " + action + ": " + e);
            send(exchange, 500, "text/xml", error(service, internal, request.requestId()), request.requestId());
        }
    }

    private static Call call(Request request, String action, Params params) {
        return new Call(region(request, action), request.requestId(), "true".equalsIgnoreCase(params.get("DryRun")));
    }

    /** CloudWatch, in whichever of its three protocols the client spoke. */
    private void cloudWatch(HttpExchange exchange, Request request) throws IOException {
        if (request.path().startsWith(CLOUDWATCH_CBOR_PATH)) {
            String operation = request.path().substring(request.path().lastIndexOf('/') + 1);
            exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
            int status = 200;
            byte[] body;
            try {
                body = Documents.toCbor(cloudWatch.call(operation, Documents.fromCbor(request.raw()), region(request, operation)));
            } catch (AwsError e) {
                status = e.status();
                body = Documents.toCbor(Map.of("__type", e.code(), "message", e.getMessage()));
            } catch (IOException | RuntimeException e) {
                status = 400;
                body = Documents.toCbor(Map.of("__type", "InvalidParameterValue", "message", "The sandbox could not read the "
                        + operation + " request: " + e.getMessage()));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/cbor");
            exchange.getResponseHeaders().set("x-amzn-RequestId", request.requestId());
            cloud.persist(); // an alarm put is saved before it is acknowledged
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } else if (request.target() != null) {
            String operation = request.target().substring(request.target().indexOf('.') + 1);
            json(exchange, request, "1.0", () -> Documents.toJson(
                    cloudWatch.call(operation, Documents.fromJson(request.body()), region(request, operation))));
        } else {
            Params params = Params.parse(request.body());
            String action = params.get("Action");
            try {
                if (action == null) {
                    throw AwsError.missing("Action");
                }
                Map<String, Object> answer = cloudWatch.call(action, Documents.fromQuery(params), region(request, action));
                Xml xml = new Xml().open(action + "Response", CLOUDWATCH_NS).open(action + "Result");
                Documents.toXml(xml, answer);
                send(exchange, 200, "text/xml", xml.end().open("ResponseMetadata").leaf("RequestId", request.requestId()).end().end()
                        .toString(), request.requestId());
            } catch (AwsError e) {
                send(exchange, e.status(), "text/xml", error("monitoring", e, request.requestId()), request.requestId());
            }
        }
    }

    /**
     * A JSON 1.0 or 1.1 exchange: the operation's JSON answer, or its error as {@code {"__type",
     * "message"}}, which the SDKs and the CLI read as the code.
     */
    private void json(HttpExchange exchange, Request request, String version, Supplier<String> operation) throws IOException {
        int status = 200;
        String body;
        try {
            body = operation.get();
        } catch (AwsError e) {
            // CloudWatch is "query compatible": its JSON errors also carry the Query code in a header
            exchange.getResponseHeaders().set("x-amzn-query-error", e.code() + ";" + (e.status() >= 500 ? "Receiver" : "Sender"));
            status = e.status();
            body = Documents.toJson(Map.of("__type", e.code(), "message", e.getMessage()));
        } catch (RuntimeException e) {
            status = 400;
            body = Documents.toJson(Map.of("__type", "ValidationException", "message", "The sandbox could not read the request: "
                    + e.getMessage()));
        }
        send(exchange, status, "application/x-amz-json-" + version, body, request.requestId());
    }

    private static String notServed(String service) {
        return "The awslab sandbox does not serve " + service + ": it serves " + SERVED + ". Use a real AWS account for " + service + ".";
    }

    /** An action's name as the AWS CLI spells it: {@code DescribeLoadBalancers} → {@code describe-load-balancers}. */
    private static String cliName(String action) {
        return action.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String sts(String action, String requestId) {
        if (!"GetCallerIdentity".equals(action)) {
            throw AwsError.unsupported("sts", action);
        }
        return new Xml().open("GetCallerIdentityResponse", Xml.STS_NS).open("GetCallerIdentityResult")
                .leaf("Arn", Caller.ARN).leaf("UserId", Caller.USER_ID).leaf("Account", CloudState.ACCOUNT).end()
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
