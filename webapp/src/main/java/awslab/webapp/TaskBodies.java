package awslab.webapp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import spark.Request;

/**
 * Request bodies in: read within a size limit, parsed strictly, checked field by field, so every
 * refusal says exactly what is wrong.
 */
final class TaskBodies {
    private static final String EXAMPLE = "{\"description\": \"Corriger les TP\", \"user\": \"Rémi\"}";

    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private TaskBodies() {}

    /** The fields a client may set on a task. */
    record TaskFields(String description, String user) {}

    /** Reads the body as UTF-8, refusing (413) anything longer than {@code maxBytes}. */
    static String read(Request request, int maxBytes) {
        long declared = request.raw().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        // Spark's request wrapper would buffer a whole chunked body before we could refuse it:
        // read Jetty's own stream instead, and stop one byte past the limit.
        ServletRequest raw = request.raw();
        while (raw instanceof ServletRequestWrapper wrapper) {
            raw = wrapper.getRequest();
        }
        try (InputStream in = raw.getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Parses a task body. {@code pathId} is the id in the URL for PUT (null for POST): an
     * {@code id} in the body must then agree with it; on POST the server picks the id.
     */
    static TaskFields parse(String body, Integer pathId) {
        JsonObject object = parseObject(body);
        if (pathId != null && object.has("id")) {
            checkBodyId(object.get("id"), pathId);
        }
        return new TaskFields(requiredText(object, "description"), requiredText(object, "user"));
    }

    private static JsonObject parseObject(String body) {
        if (body.isBlank()) {
            throw ApiException.badRequest("the request body is empty; send a JSON object like " + EXAMPLE);
        }
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(body));
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("unexpected text after the JSON value");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw ApiException.badRequest("the request body is not valid JSON (" + cause(e) + "); send a JSON object like "
                    + EXAMPLE);
        }
        if (!element.isJsonObject()) {
            throw ApiException.badRequest("the request body must be a JSON object like " + EXAMPLE);
        }
        return element.getAsJsonObject();
    }

    private static String requiredText(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            throw ApiException.unprocessable("field '" + field + "' is missing; send a JSON object like " + EXAMPLE);
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw ApiException.unprocessable("field '" + field + "' must be a string, not " + kind(value));
        }
        String text = value.getAsString();
        if (text.isBlank()) {
            throw ApiException.unprocessable("field '" + field + "' must not be blank");
        }
        return text;
    }

    private static void checkBodyId(JsonElement value, int pathId) {
        if (value.isJsonNull()) {
            return;
        }
        boolean integer = value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                && value.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
        if (!integer) {
            throw ApiException.unprocessable("field 'id' must be an integer, not " + kind(value));
        }
        if (value.getAsBigDecimal().compareTo(java.math.BigDecimal.valueOf(pathId)) != 0) {
            throw ApiException.unprocessable("field 'id' (" + value + ") differs from the id in the URL (" + pathId
                    + "); leave it out or make them equal");
        }
    }

    private static String kind(JsonElement value) {
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return "a boolean (" + value + ")";
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return "a number (" + value + ")";
        }
        return "a string (" + value + ")";
    }

    /** Gson's message, without its advice to parse leniently or its links. */
    private static String cause(Exception e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        Matcher position = POSITION.matcher(message);
        String where = position.find() ? " at line " + position.group(1) + " column " + position.group(2) : "";
        String what = message.isBlank() || message.contains("setStrictness") ? "malformed JSON"
                : message.replaceAll(" at line \\d+ column \\d+.*", "");
        return what + where;
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "the request body is larger than the limit of " + maxBytes + " bytes");
    }
}
