package awslab.webapp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
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
 * and never carry a stack trace; no header tells Jetty's version; and stopping never calls
 * {@code System.exit} (Spark's own stop does when Jetty reports any trouble stopping, which
 * would kill a JVM that embeds the service, and deadlocks inside a shutdown hook).
 */
final class JsonErrorJetty implements JettyServerFactory {
    /** The name under which Spark finds this factory; see {@link #register()}. */
    static final String IDENTIFIER = "awslab-json-errors-jetty";

    private volatile Server server;

    private JsonErrorJetty() {}

    /** Makes the factory known to Spark (a JVM-wide registry); idempotent. */
    static synchronized void register() {
        EmbeddedServerFactory factory = (routes, staticFiles, exceptionMapper, hasMultipleHandlers) -> {
            JsonErrorJetty jetty = new JsonErrorJetty(); // one per service: it remembers its server
            EmbeddedServer spark = new EmbeddedJettyFactory(jetty)
                    .create(routes, staticFiles, exceptionMapper, hasMultipleHandlers);
            return new StopWithoutExit(spark, jetty);
        };
        EmbeddedServers.add(IDENTIFIER, factory);
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
        server.setErrorHandler(new JsonErrorHandler());
        // Spark adds its connector after this factory returns; configure it as the server starts.
        server.addLifeCycleListener(new AbstractLifeCycle.AbstractLifeCycleListener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                hideServerVersion(server);
            }
        });
        return server;
    }

    /** No {@code Server: Jetty(9.4.58…)} header: a version number only helps attackers. */
    private static void hideServerVersion(Server server) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                if (factory instanceof HttpConnectionFactory http) {
                    http.getHttpConfiguration().setSendServerVersion(false);
                }
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
        JsonErrorHandler() {
            setShowStacks(false);
            setShowServlet(false);
        }

        /** Errors found while parsing a request, before any handler sees it. */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
            return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
        }

        /** Other errors Jetty itself answers. */
        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                HttpServletResponse response, int code, String message) throws IOException {
            baseRequest.setHandled(true);
            response.setContentType(Json.CONTENT_TYPE);
            response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
        }

        private static String body(int status, String reason) {
            String detail = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
            return Json.GSON.toJson(Json.errorBody(status, "the request could not be read: " + detail));
        }
    }
}
