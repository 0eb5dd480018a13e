package awslab.webapp;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServer;
import spark.embeddedserver.EmbeddedServerFactory;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;
import spark.embeddedserver.jetty.websocket.WebSocketHandlerWrapper;
import spark.ssl.SslStores;

/**
 * Jetty as Spark builds it, except that the errors Jetty answers by itself (a malformed URI,
 * headers too large, a broken request line) are JSON like ours instead of Jetty's HTML page,
 * and never carry a stack trace nor a Java name; no header tells Jetty's version; slow clients
 * are bounded; every request passes a {@link Gate} that refuses malformed escapes and tells
 * {@link Health} how requests end; and stopping never calls {@code System.exit} (Spark's own
 * stop does when Jetty reports any trouble stopping, which would kill a JVM that embeds the
 * service, and deadlocks inside a shutdown hook).
 */
final class JsonErrorJetty implements JettyServerFactory {
    /** The name under which Spark finds this factory; see {@link #register}. */
    static final String IDENTIFIER = "awslab-json-errors-jetty";

    /**
     * Idle keep-alive connections are closed after this. An ALB keeps its connections to targets
     * open for up to 60 s by default, and the target must not close them first (the ALB would
     * answer 502): 75 s, as nginx's default. A client sending its headers slowly holds a
     * connection this long, but no thread: Jetty parses headers without blocking one.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(75);

    private final Health health;
    private final Duration bodyTimeout;
    private volatile Server server;

    private JsonErrorJetty(Health health, Duration bodyTimeout) {
        this.health = health;
        this.bodyTimeout = bodyTimeout;
    }

    /**
     * Makes Spark build the next service's server here, with that service's {@code health}.
     * Spark keeps server factories in a JVM-wide registry and builds the server on another
     * thread once routes are mapped: call this, map routes and await initialization while
     * holding a lock that every start takes.
     */
    static void register(Health health, Duration bodyTimeout) {
        EmbeddedServers.add(IDENTIFIER, (routes, staticFiles, exceptionMapper, hasMultipleHandlers) -> {
            JsonErrorJetty jetty = new JsonErrorJetty(health, bodyTimeout); // it remembers its server
            EmbeddedServer spark = new EmbeddedJettyFactory(jetty)
                    .create(routes, staticFiles, exceptionMapper, hasMultipleHandlers);
            return new StopWithoutExit(spark, jetty);
        });
    }

    @Override
    public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, minThreads, threadTimeoutMillis);
        pool.setName("webapp");
        return create(pool);
    }

    @Override
    public Server create(ThreadPool threadPool) {
        Server server = new Server(threadPool);
        this.server = server;
        server.setErrorHandler(new JsonErrorHandler(health));
        // Spark adds its connector and handler after this factory returns: finish as the server starts.
        server.addLifeCycleListener(new AbstractLifeCycle.AbstractLifeCycleListener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                configure(server);
            }
        });
        return server;
    }

    private void configure(Server server) {
        for (Connector connector : server.getConnectors()) {
            AbstractConnector http = (AbstractConnector) connector;
            http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            HttpConfiguration config = http.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
            // No "Server: Jetty(9.4.58…)": a version number only helps attackers.
            config.setSendServerVersion(false);
            // A whole body must arrive, and each write of an answer leave, within this: otherwise
            // slow clients hold threads. (Deprecated in 9.4, gone in 10, which has other timeouts.)
            config.setBlockingTimeout(bodyTimeout.toMillis());
            http.addConnectionFactory(new BadRequestsAre4xx(config)); // replaces Spark's HTTP/1.1
        }
        Gate gate = new Gate(health);
        gate.setHandler(server.getHandler());
        server.setHandler(gate);
    }

    /**
     * HTTP/1.1 as Jetty speaks it, except that a request Jetty cannot parse is never answered
     * 5xx: it says 505 for an HTTP version it does not know (HTTP/9.9, HTTP/0.9), but what is
     * wrong is the request, so 400, like every other malformed request line.
     */
    private static final class BadRequestsAre4xx extends HttpConnectionFactory {
        BadRequestsAre4xx(HttpConfiguration config) {
            super(config);
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint, getHttpCompliance(),
                    isRecordHttpComplianceViolations()) {
                @Override
                protected HttpChannelOverHttp newHttpChannel() {
                    return new HttpChannelOverHttp(this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                        @Override
                        public void onBadMessage(BadMessageException failure) {
                            super.onBadMessage(failure.getCode() < 500 ? failure : new BadMessageException(400, failure.getReason()));
                        }
                    };
                }
            };
            return configure(connection, connector, endPoint);
        }
    }

    /**
     * Every request, before Spark: refuses percent-escapes that Spark (or Jetty, for a query)
     * would throw on, a 500 otherwise, and tells {@link Health} how requests ended.
     */
    private static final class Gate extends HandlerWrapper {
        private final Health health;

        Gate(Health health) {
            this.health = health;
        }

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            if (!validEscapes(request.getRequestURI()) || !validEscapes(request.getQueryString())) {
                baseRequest.setHandled(true);
                response.sendError(400, "a %-escape in its path or query is malformed or not UTF-8");
                return;
            }
            try {
                super.handle(target, baseRequest, request, response);
            } catch (RuntimeException | Error e) {
                // Past Spark's handlers: Jetty answers 500, in JSON. (An IOException is a client leaving.)
                health.failed(e);
                throw e;
            }
            // Spark's last-resort handler counts failures; /health must not hide them by answering.
            if (response.getStatus() < 500 && !"/health".equals(target)) {
                health.answered();
            }
        }

        /**
         * Whether every {@code %XX} of {@code raw} (a path or query as sent) is two hex digits and
         * they spell UTF-8: Java's decoder puts U+FFFD where they do not (a U+FFFD sent on
         * purpose, {@code %EF%BF%BD}, is refused too).
         */
        private static boolean validEscapes(String raw) {
            try {
                return raw == null || raw.indexOf('%') < 0 || URLDecoder.decode(raw, StandardCharsets.UTF_8).indexOf('\uFFFD') < 0;
            } catch (IllegalArgumentException e) {
                return false; // "%zz", "%"
            }
        }
    }

    /** Spark's embedded server, but its stop only stops Jetty. */
    private record StopWithoutExit(EmbeddedServer spark, JsonErrorJetty jetty) implements EmbeddedServer {
        @Override
        public int ignite(String host, int port, SslStores sslStores, int maxThreads, int minThreads,
                int threadIdleTimeoutMillis) throws Exception {
            return spark.ignite(host, port, sslStores, maxThreads, minThreads, threadIdleTimeoutMillis);
        }

        @Override
        public void trustForwardHeaders(boolean trust) {
            spark.trustForwardHeaders(trust);
        }

        @Override
        public void configureWebSockets(Map<String, WebSocketHandlerWrapper> handlers, Optional<Long> idleTimeoutMillis) {
            spark.configureWebSockets(handlers, idleTimeoutMillis);
        }

        @Override
        public void join() throws InterruptedException {
            spark.join();
        }

        @Override
        public int activeThreadCount() {
            return spark.activeThreadCount();
        }

        @Override
        public void extinguish() {
            Server server = jetty.server;
            if (server == null) {
                return;
            }
            try {
                server.stop();
            } catch (Exception e) {
                // Jetty closes its connector first; what failed later (a thread slow to end)
                // is not worth more than a stopped service.
            }
        }
    }

    private static final class JsonErrorHandler extends ErrorHandler {
        private final Health health;

        JsonErrorHandler(Health health) {
            this.health = health;
            setShowStacks(false);
            setShowServlet(false);
        }

        /** Errors found while parsing a request, before any handler sees it. */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
            return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
        }

        /** Other errors Jetty itself answers: a failure escaped our handlers too (see Gate). */
        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                HttpServletResponse response, int code, String message) throws IOException {
            baseRequest.setHandled(true);
            if (code >= 500 && health.problem() != null) {
                code = 503; // it says why at once, as /health does
                response.setStatus(code);
            }
            response.setContentType(Json.CONTENT_TYPE);
            response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
        }

        private String body(int status, String reason) {
            String detail;
            if (status >= 500) {
                // Jetty's reason is then the Java exception: never shown.
                String problem = health.problem();
                detail = problem != null ? problem : "the service failed to answer; try again";
            } else {
                boolean useful = reason != null && !reason.isBlank() && !reason.contains("Exception");
                detail = "the request could not be read: " + (useful ? reason : HttpStatus.getMessage(status));
            }
            return Json.GSON.toJson(Json.errorBody(status, detail));
        }
    }
}
