package awslab.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

/** What every refusal must look like: JSON with status, reason and a detail, never a stack trace. */
final class ErrorAssert {
    private ErrorAssert() {}

    static JsonObject jsonError(Http.Reply reply, int status, String detailPart) {
        String context = reply.status() + " " + reply.body();
        assertEquals(status, reply.status(), context);
        assertEquals("application/json;charset=utf-8", reply.contentType().replace(" ", "").toLowerCase(), context);
        JsonObject json = reply.json();
        assertEquals(status, json.get("status").getAsInt(), context);
        assertEquals(Json.reason(status), json.get("error").getAsString(), context);
        String detail = json.get("detail").getAsString();
        assertTrue(detail.contains(detailPart), "expected '" + detailPart + "' in: " + detail);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("at awslab.")
                || reply.body().contains("at spark."), "no stack trace: " + reply.body());
        return json;
    }
}
