package awslab.webapp;

import awslab.webapp.WebAppConfig.Limits;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
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

    /**
     * Reads the body as UTF-8, refusing (413) anything longer than {@code maxBytes}. A body
     * still on its way when the request reaches us (most arrive with their headers) must take
     * one of the {@code waits} permits, so that clients sending slowly hold a few of Jetty's
     * threads at most, not all of them.
     */
    static String read(Request request, int maxBytes, Semaphore waits) {
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
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = raw.getInputStream()) {
            // What has arrived, without waiting. (Not readNBytes(ready): it ends with a read of 0
            // bytes, which waits in Jetty.)
            byte[] chunk = new byte[8192];
            for (int ready; body.size() <= maxBytes && (ready = in.available()) > 0; ) {
                body.write(chunk, 0, in.read(chunk, 0, Math.min(ready, chunk.length)));
            }
            if (body.size() <= maxBytes && (declared < 0 || body.size() < declared)) {
                if (!waits.tryAcquire()) {
                    throw new ApiException(429, "too many request bodies are arriving slowly; try again");
                }
                try {
                    body.write(in.readNBytes(maxBytes + 1 - body.size()));
                } finally {
                    waits.release();
                }
            }
        } catch (IOException e) {
            // Jetty bounds the whole read (Limits.bodyTimeout): a client that stalls gets 408.
            throw e.getCause() instanceof TimeoutException ? new ApiException(408, "the request body did not arrive in time")
                    : ApiException.badRequest("could not read the request body");
        }
        if (body.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not valid UTF-8");
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
        return new TaskFields(requiredText(object, "description", Limits.MAX_DESCRIPTION),
                requiredText(object, "user", Limits.MAX_USER));
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

    private static String requiredText(JsonObject object, String field, int maxLength) {
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
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw ApiException.unprocessable("field '" + field + "' is " + length + " characters long; at most "
                    + maxLength + " are kept");
        }
        return text;
    }

    private static void checkBodyId(JsonElement value, int pathId) {
        if (value.isJsonNull()) {
            return;
        }
        BigDecimal number;
        try {
            // Java's parser, on short text: Gson's throws past an exponent of 10,000 (1e999999).
            number = value.getAsJsonPrimitive().isNumber() && value.getAsString().length() <= 40
                    ? new BigDecimal(value.getAsString()) : null;
        } catch (RuntimeException e) {
            number = null; // not a primitive, or an exponent beyond int (1e9999999999)
        }
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            throw ApiException.unprocessable("field 'id' must be an integer, not " + kind(value));
        }
        if (number.compareTo(BigDecimal.valueOf(pathId)) != 0) {
            throw ApiException.unprocessable("field 'id' (" + value + ") differs from the id in the URL (" + pathId
                    + "); leave it out or make them equal");
        }
    }

    /** "a number (12)": what a value is, and its first 40 characters. */
    private static String kind(JsonElement value) {
        String text = value.toString();
        String kind = value.isJsonObject() ? "an object" : value.isJsonArray() ? "an array"
                : value.getAsJsonPrimitive().isBoolean() ? "a boolean" : value.getAsJsonPrimitive().isNumber() ? "a number" : "a string";
        return kind + " (" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + ")";
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
