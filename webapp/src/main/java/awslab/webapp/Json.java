package awslab.webapp;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import spark.Response;

/** JSON out: one Gson, the content type with its charset, and the shape of every error. */
final class Json {
    static final String CONTENT_TYPE = "application/json;charset=utf-8";

    // No HTML escaping: "Rémi's <task>" stays readable in a browser and in curl.
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {}

    /** Sets status and content type and returns the JSON text of {@code body}. */
    static String respond(Response response, int status, Object body) {
        return respondJson(response, status, GSON.toJson(body));
    }

    /**
     * Sets status, content type and length of a JSON text. With its length known, Jetty sends
     * the whole response in one write instead of chunks (measurably less CPU per request).
     */
    static String respondJson(Response response, int status, String json) {
        respondJson(response, status, json.getBytes(StandardCharsets.UTF_8));
        return json;
    }

    /** As above, for JSON already in UTF-8: Spark writes the bytes as they are. */
    static byte[] respondJson(Response response, int status, byte[] json) {
        response.status(status);
        response.type(CONTENT_TYPE);
        response.raw().setContentLength(json.length);
        return json;
    }

    /** {@code {"status":404,"error":"Not Found","detail":"no task with id 7"}}. */
    static String error(Response response, int status, String detail) {
        return respond(response, status, errorBody(status, detail));
    }

    static Map<String, Object> errorBody(int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        body.put("detail", detail);
        return body;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
