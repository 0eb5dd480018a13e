package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request gets a 4xx JSON error that says what is wrong: never a 500, never a trace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest {
    private static final int LIMIT = 1024;

    private RunningWebApp app;
    private Http http;

    @BeforeAll
    void start() {
        app = WebApp.start(WebAppConfig.loopback()
                .withMetadataEndpoint(MetadataStandIn.closedPort())
                .withLimits(TestLimits.maxBodyBytes(LIMIT)));
        http = new Http(app.uri());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("", 400, "the request body is empty"),
                Arguments.of("   \n", 400, "the request body is empty"),
                Arguments.of("{bad", 400, "not valid JSON (malformed JSON at line 1 column 3)"),
                Arguments.of("{description: \"x\", user: \"y\"}", 400, "not valid JSON"),
                Arguments.of("{'description': 'x', 'user': 'y'}", 400, "not valid JSON"),
                Arguments.of("{\"description\":\"x\",\"user\":\"y\"} trailing", 400, "not valid JSON"),
                Arguments.of("{\"description\":\"x\",\"user\":\"y\",}", 400, "not valid JSON"),
                Arguments.of("[" .repeat(500), 400, "not valid JSON"),
                Arguments.of("[1, 2]", 400, "must be a JSON object"),
                Arguments.of("\"a string\"", 400, "must be a JSON object"),
                Arguments.of("42", 400, "must be a JSON object"),
                Arguments.of("null", 400, "must be a JSON object"),
                Arguments.of("{}", 422, "field 'description' is missing"),
                Arguments.of("{\"description\":\"x\"}", 422, "field 'user' is missing"),
                Arguments.of("{\"description\":\"x\",\"user\":null}", 422, "field 'user' is missing"),
                Arguments.of("{\"description\":\"  \",\"user\":\"y\"}", 422, "field 'description' must not be blank"),
                Arguments.of("{\"description\":\"x\",\"user\":\"\"}", 422, "field 'user' must not be blank"),
                Arguments.of("{\"description\":12,\"user\":\"y\"}", 422, "field 'description' must be a string, not a number (12)"),
                Arguments.of("{\"description\":\"x\",\"user\":true}", 422, "field 'user' must be a string, not a boolean (true)"),
                Arguments.of("{\"description\":{\"a\":1},\"user\":\"y\"}", 422, "must be a string, not an object"),
                Arguments.of("{\"description\":[\"x\"],\"user\":\"y\"}", 422, "must be a string, not an array"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void postRefusesBadBodies(String body, int status, String detail) {
        ErrorAssert.jsonError(http.post("/task", body), status, detail);
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void putRefusesBadBodies(String body, int status, String detail) {
        ErrorAssert.jsonError(http.put("/task/1", body), status, detail);
    }

    @Test
    void putRefusesABodyIdThatContradictsTheUrl() {
        ErrorAssert.jsonError(http.put("/task/2", "{\"id\":3,\"description\":\"x\",\"user\":\"y\"}"), 422,
                "field 'id' (3) differs from the id in the URL (2)");
        ErrorAssert.jsonError(http.put("/task/2", "{\"id\":\"2\",\"description\":\"x\",\"user\":\"y\"}"), 422,
                "field 'id' must be an integer, not a string");
        ErrorAssert.jsonError(http.put("/task/2", "{\"id\":2.5,\"description\":\"x\",\"user\":\"y\"}"), 422,
                "field 'id' must be an integer, not a number (2.5)");
        assertEquals(200, http.put("/task/2", "{\"id\":2.0,\"description\":\"x\",\"user\":\"y\"}").status());
    }

    @ParameterizedTest
    @MethodSource("badIds")
    void refusesIdsThatAreNotPositiveIntegers(String id, String detail) {
        String body = "{\"description\":\"x\",\"user\":\"y\"}";
        ErrorAssert.jsonError(http.get("/task/" + id), 400, detail);
        ErrorAssert.jsonError(http.put("/task/" + id, body), 400, detail);
        ErrorAssert.jsonError(http.delete("/task/" + id), 400, detail);
    }

    static Stream<Arguments> badIds() {
        return Stream.of(
                Arguments.of("abc", "the task id must be an integer, not 'abc'"),
                Arguments.of("1.5", "must be an integer, not '1.5'"),
                Arguments.of("1e3", "must be an integer"),
                Arguments.of("%20", "must be an integer"),
                Arguments.of("0", "between 1 and 2147483647, not 0"),
                Arguments.of("-3", "between 1 and 2147483647, not -3"),
                Arguments.of("2147483648", "between 1 and 2147483647, not 2147483648"),
                Arguments.of("99999999999999999999999", "between 1 and 2147483647"));
    }

    @Test
    void unknownTasksAre404() {
        ErrorAssert.jsonError(http.get("/task/999"), 404, "there is no task with id 999");
        ErrorAssert.jsonError(http.delete("/task/999"), 404, "there is no task with id 999");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/nope", "/tasks", "/task/1/extra", "/instance/x"})
    void unknownPathsAre404(String path) {
        ErrorAssert.jsonError(http.get(path), 404, "there is nothing at " + path);
        ErrorAssert.jsonError(http.post(path, "{}"), 404, "there is nothing at");
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("DELETE", "/task", "GET, POST"),
                Arguments.of("PUT", "/task/", "GET, POST"),
                Arguments.of("PATCH", "/task", "GET, POST"),
                Arguments.of("POST", "/task/1", "GET, PUT, DELETE"),
                Arguments.of("PATCH", "/task/1", "GET, PUT, DELETE"),
                Arguments.of("OPTIONS", "/task/1", "GET, PUT, DELETE"),
                Arguments.of("FOO", "/task/1", "GET, PUT, DELETE"),
                Arguments.of("POST", "/instance", "GET"),
                Arguments.of("DELETE", "/health", "GET"),
                Arguments.of("PUT", "/", "GET"));
    }

    @ParameterizedTest
    @MethodSource("wrongMethods")
    void wrongMethodsAre405WithAllow(String method, String path, String allow) {
        Http.Reply reply = http.method(method, path, "{}");
        ErrorAssert.jsonError(reply, 405, "method " + method + " is not allowed");
        assertEquals(allow, reply.header("Allow"));
    }

    @ParameterizedTest
    @MethodSource("malformedRequests")
    void requestsJettyRefusesBeforeRoutingAreJsonToo(String request, int status) throws Exception {
        String response = RawHttp.exchange(app.port(), request);
        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertEquals(true, head.startsWith("HTTP/1.1 " + status + " "), head);
        assertEquals(true, head.toLowerCase().contains("content-type: application/json;charset=utf-8"), head);
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(body).getAsJsonObject();
        assertEquals(status, json.get("status").getAsInt());
        assertEquals(true, json.get("detail").getAsString().startsWith("the request could not be read"), body);
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("GET /task/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("GET /task HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n", 431),
                Arguments.of("POST /task HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("GET /task/%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("GET /task HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", 400), // Jetty says 505
                Arguments.of("GET /task\r\n\r\n", 400)); // HTTP/0.9, 505 too
    }

    @Test
    void bodiesOverTheLimitAre413WhetherDeclaredOrChunked() {
        String padded = "{\"description\":\"" + "x".repeat(LIMIT) + "\",\"user\":\"y\"}";
        ErrorAssert.jsonError(http.post("/task", padded), 413, "larger than the limit of " + LIMIT + " bytes");

        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = http.request("/task")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        ErrorAssert.jsonError(http.send(chunked), 413, "larger than the limit");
        ErrorAssert.jsonError(http.put("/task/1", padded), 413, "larger than the limit");
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() {
        String start = "{\"description\":\"";
        String end = "\",\"user\":\"y\"}";
        String body = start + "x".repeat(LIMIT - start.length() - end.length()) + end;
        assertEquals(LIMIT, body.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(201, http.post("/task", body).status());
    }
}
