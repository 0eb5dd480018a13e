package awslab.webapp;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of hostile HTTP/1.1 requests: odd methods, paths, percent-escapes, queries,
 * numbers, headers, framings and bodies, some mutated byte by byte, a few sent slowly. The same
 * seed gives the same requests, so a failure found by a long run can be replayed.
 *
 * <pre>{@code
 * Corpus corpus = new Corpus(42);
 * Corpus.Case next = corpus.next();   // next.bytes() goes on a socket as it is
 * }</pre>
 */
final class Corpus {
    /** How a case is sent: whole, or stopping partway (a body or headers that never end). */
    enum Pace { WHOLE, STALLED_BODY, STALLED_HEADERS }

    /**
     * One request: a label for reports, its bytes, whether it is a HEAD, how it is sent, and
     * whether it is whole, so that an answer is owed before the connection times out (a body
     * shorter than its Content-Length, a chunked body without its last chunk, a mutated or
     * stalled request may leave the server waiting for more, as HTTP says it should).
     */
    record Case(String label, byte[] bytes, boolean head, Pace pace, boolean owed) {
        /** The request as text, for a report: non-printable bytes escaped, cut at 300 characters. */
        String shown() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < bytes.length && text.length() < 300; i++) {
                int b = bytes[i] & 0xff;
                text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : b == '\r' ? "\\r" : b == '\n' ? "\\n"
                        : String.format("\\x%02x", b));
            }
            return text.length() >= 300 ? text + "…" : text.toString();
        }
    }

    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "POST", "PUT", "PUT", "DELETE",
            "HEAD", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "FOO", "G\u00c9T", "", "GET GET", "POST\t", "PRI");
    private static final List<String> IDS = List.of("1", "2", "3", "4", "7", "42", "0", "-1", "+3", "007", "2147483647",
            "2147483648", "9223372036854775808", "99999999999999999999999999999999", "1e999999", "1E3", "1.5", "0x10",
            "%d9%a1", "%31", "%ff", "%zz", "%", "%c3%a9", "%00", "%2f", "%2e%2e", "abc", "%20", "null", "NaN", "١",
            "1;x=2", "1%3b", "%C0%AF", "%ED%A0%80", "%F4%90%80%80");
    private static final List<String> VALUES = List.of("R%C3%A9mi", "Rémi", "%ff", "%zz", "%", "%e9", "+", "a+b", "",
            "%00", "%C0%AF", "%ED%A0%80", "%F0%9F%98%80", "%25", "x%2", "Alice", "%26user%3D", "\u00ff", "%E2%80%AE");
    private static final List<String> USERS = List.of("R%C3%A9mi", "Alice", "Bob", "Zo%C3%A9");
    private static final List<String> PATHS = List.of("/task", "/task/", "/instance", "/health", "/", "/task/1/extra",
            "/tasks", "//task", "/task//1", "/task/../health", "/task/%2e%2e/health", "/./task", "/task;x=1", "/%",
            "/task/%", "/%ff", "/instance/", "/health/", "*", "http://127.0.0.1/task", "/TASK", "/task?", "/task#frag",
            "/task/\u00e9", "/\u0000", "/task/1?user=x", "/health?full=1");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "", "application/json; charset=\u00e9", "*/*");

    private final Random random;

    Corpus(long seed) {
        random = new Random(seed);
    }

    /** The next case: two in five are well-formed requests that change the list, the rest hostile. */
    Case next() {
        return chance(40) ? wellFormed() : hostile();
    }

    /** What a student or a load test sends: the list changes, so the hostile cases meet real state. */
    private Case wellFormed() {
        String method = pick(List.of("GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD"));
        String id = String.valueOf(1 + random.nextInt(60));
        String target = switch (method) {
            case "POST" -> pick(List.of("/task", "/task/"));
            case "PUT", "DELETE" -> "/task/" + id;
            default -> pick(List.of("/task", "/task/" + id, "/task?user=" + pick(USERS), "/health", "/instance", "/"));
        };
        byte[] body = !method.startsWith("P") ? new byte[0] : chance(80)
                ? task(text(random.nextInt(40)), URLDecoder.decode(pick(USERS), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                : body(method);
        String head = method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
                + (body.length > 0 ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" : "")
                + "Connection: close\r\n\r\n";
        return new Case(method + " " + shortened(target), concat(head.getBytes(StandardCharsets.UTF_8), body),
                method.equals("HEAD"), Pace.WHOLE, true);
    }

    private Case hostile() {
        String method = pick(METHODS);
        String target = target();
        String version = chance(95) ? "HTTP/1.1" : pick(List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "", "HTTP/1.1x", "http/1.1"));
        byte[] body = body(method);
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(version.isEmpty() ? "" : " " + version).append("\r\n");
        if (chance(97)) {
            head.append("Host: x\r\n");
        }
        String label = method + " " + shortened(target);
        Framing framing = new Framing("", true, false);
        if (body.length > 0 || chance(10)) {
            framing = framing(body.length);
            head.append(framing.headers());
            if (chance(80)) {
                head.append("Content-Type: ").append(pick(CONTENT_TYPES)).append("\r\n");
            }
        }
        head.append(extraHeaders());
        head.append("Connection: close\r\n\r\n");
        boolean whole = framing.whole();
        if (framing.chunk()) {
            body = chunked(body);
            whole &= new String(body, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
        }
        byte[] bytes = concat(head.toString().getBytes(StandardCharsets.UTF_8), body);
        Pace pace = Pace.WHOLE;
        int roll = random.nextInt(1000);
        if (roll < 15 && body.length > 1) {
            pace = Pace.STALLED_BODY;
        } else if (roll < 25) {
            pace = Pace.STALLED_HEADERS;
        } else if (roll < 125) {
            bytes = mutate(bytes);
            label = "mutated " + label;
            whole = false; // perhaps still whole, perhaps not: no answer is owed
        }
        // A stalled body has begun: the service reads it, and answers 408 when the rest is late.
        boolean owed = pace == Pace.STALLED_BODY || whole && pace == Pace.WHOLE;
        return new Case(label, bytes, method.equals("HEAD"), pace, owed);
    }

    private String target() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> "/task/" + pick(IDS);
            case 3, 4 -> "/task" + (chance(50) ? "/" : "") + query();
            case 5 -> pick(PATHS) + (chance(30) ? query() : "");
            case 6 -> "/" + randomSegment() + (chance(50) ? "/" + randomSegment() : "");
            case 7 -> "/task/" + "9".repeat(1 + random.nextInt(chance(90) ? 40 : 12_000));
            case 8 -> pick(List.of("/task", "/health", "/instance", "/")) + (chance(20) ? query() : "");
            default -> "/task/" + pick(IDS) + (chance(50) ? query() : "");
        };
    }

    private String query() {
        StringBuilder query = new StringBuilder("?");
        int pairs = 1 + random.nextInt(chance(95) ? 2 : 300);
        for (int i = 0; i < pairs; i++) {
            query.append(i > 0 ? "&" : "").append(chance(70) ? "user" : randomSegment()).append(chance(90) ? "=" : "")
                    .append(chance(90) ? pick(VALUES) : "x".repeat(random.nextInt(9000)));
        }
        return query.toString();
    }

    private String randomSegment() {
        StringBuilder segment = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> segment.append(String.format("%%%02x", random.nextInt(256)));
                case 1 -> segment.append("%").append((char) ('a' + random.nextInt(26)));
                default -> segment.append((char) ('a' + random.nextInt(26)));
            }
        }
        return segment.toString();
    }

    /** Framing headers; {@code whole}: the body they announce is all sent; {@code chunk}: encode it in chunks. */
    private record Framing(String headers, boolean whole, boolean chunk) {}

    /** Content-Length (right, wrong, absurd, repeated) or chunked (well formed or not). */
    private Framing framing(int length) {
        return switch (random.nextInt(12)) {
            case 0 -> new Framing("Content-Length: " + (length + 1 + random.nextInt(100)) + "\r\n", false, false);
            case 1 -> new Framing("Content-Length: " + Math.max(0, length - 1 - random.nextInt(10)) + "\r\n", true, false);
            case 2 -> new Framing("Content-Length: " + pick(List.of("-1", "abc", "99999999999999999999", "1e3", " 5", "0x10", ""))
                    + "\r\n", false, false);
            case 3 -> new Framing("Content-Length: " + length + "\r\nContent-Length: " + (length + 3) + "\r\n", false, false);
            case 4, 5 -> new Framing("Transfer-Encoding: chunked\r\n", true, true);
            case 6 -> new Framing("Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n", true, true);
            case 7 -> new Framing("Transfer-Encoding: chunked\r\n", false, false); // a body that is not chunked
            case 8 -> new Framing("Transfer-Encoding: " + pick(List.of("gzip", "chunked, gzip", "identity", "x")) + "\r\n", false, false);
            default -> new Framing("Content-Length: " + length + "\r\n", true, false);
        };
    }

    private String extraHeaders() {
        StringBuilder headers = new StringBuilder();
        int count = random.nextInt(chance(97) ? 3 : 200);
        for (int i = 0; i < count; i++) {
            headers.append(switch (random.nextInt(10)) {
                case 0 -> "Expect: 100-continue";
                case 1 -> "X-Big: " + "a".repeat(random.nextInt(chance(80) ? 2000 : 20_000));
                case 2 -> "Accept: " + pick(List.of("text/html", "application/xml", "*/*", "image/gif", ""));
                case 3 -> "Accept-Encoding: gzip, deflate, br";
                case 4 -> "X-Odd:\u00e9\u00ff\u0001value";
                case 5 -> "Bad Header Name: x";
                case 6 -> " folded-continuation";
                case 7 -> "Content-Encoding: gzip";
                case 8 -> "X-Forwarded-For: 10.0.0." + random.nextInt(255);
                default -> "Cookie: " + "k=v; ".repeat(random.nextInt(50));
            }).append("\r\n");
        }
        return headers.toString();
    }

    private byte[] body(String method) {
        boolean wantsBody = method.startsWith("POST") || method.equals("PUT") || method.equals("PATCH");
        if (!wantsBody && !chance(5)) {
            return new byte[0];
        }
        String text = switch (random.nextInt(16)) {
            case 0, 1, 2, 3 -> task(text(random.nextInt(30)), text(random.nextInt(12)));
            case 4 -> task(text(1000), text(100)); // the largest kept
            case 5 -> task(text(1001 + random.nextInt(60_000)), "u"); // too long
            case 6 -> "{\"id\":" + pick(List.of("1e999999", "-0", "2.0", "1e-999999", "\"1\"", "null", "[1]", "9".repeat(500),
                    "1E9999999999", "3")) + ",\"description\":\"x\",\"user\":\"y\"}";
            case 7 -> "[".repeat(1 + random.nextInt(60_000)) + (chance(30) ? "]".repeat(10) : "");
            case 8 -> "{\"a\":".repeat(1 + random.nextInt(10_000)) + "1" + "}".repeat(random.nextInt(50));
            case 9 -> task(text(5), text(5)).substring(0, 1 + random.nextInt(20)); // truncated
            case 10 -> pick(List.of("", " ", "null", "[]", "42", "\"task\"", "true", "\ufeff{\"description\":\"x\",\"user\":\"y\"}",
                    "{\"description\":NaN,\"user\":\"y\"}", "{/*c*/\"description\":\"x\",\"user\":\"y\"}",
                    "{\"description\":\"a\",\"description\":\"b\",\"user\":\"y\"}", "description=x&user=y"));
            case 11 -> "{\"description\":" + pick(List.of("1e999999", "9".repeat(20_000), "true", "{}", "[]", "null",
                    "\"\\ud800\"", "\"\\u0000\"", "\"\\uZZZZ\"", "\"\\x41\"")) + ",\"user\":\"y\"}";
            case 12 -> "{\"description\":\"" + "x".repeat(60_000 + random.nextInt(10_000)) + "\",\"user\":\"y\"}"; // near and over 64 KiB
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] raw = new byte[random.nextInt(chance(90) ? 200 : 70_000)]; // not UTF-8, often
        random.nextBytes(raw);
        return raw;
    }

    private static String task(String description, String user) {
        return "{\"description\":\"" + description + "\",\"user\":\"" + user + "\"}";
    }

    /** JSON string content: letters, accents, emoji, escapes and controls. */
    private String text(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(12)) {
                case 0 -> "é";
                case 1 -> "😀";
                case 2 -> "\\n";
                case 3 -> "\\u00e9";
                case 4 -> "\\\"";
                case 5 -> "<";
                case 6 -> "\\u0001";
                default -> String.valueOf((char) ('a' + random.nextInt(26)));
            });
        }
        return text.length() == 0 ? " " : text.toString();
    }

    private byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int size = Math.min(body.length - at, 1 + random.nextInt(4096));
            String sizeLine = chance(95) ? Integer.toHexString(size) : pick(List.of("zz", "-1", "ffffffffffffffff", size + ";ext=1", ""));
            out.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            at += size;
        }
        if (chance(95)) {
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** A few bytes flipped, inserted, deleted or cut off: what a bad proxy or a fuzzer sends. */
    private byte[] mutate(byte[] bytes) {
        byte[] result = bytes.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && result.length > 0; i++) {
            int at = random.nextInt(result.length);
            switch (random.nextInt(4)) {
                case 0 -> result[at] = (byte) random.nextInt(256);
                case 1 -> result = concat(concat(java.util.Arrays.copyOf(result, at), new byte[] {(byte) random.nextInt(256)}),
                        java.util.Arrays.copyOfRange(result, at, result.length));
                case 2 -> result = concat(java.util.Arrays.copyOf(result, at), java.util.Arrays.copyOfRange(result, at + 1, result.length));
                default -> result = java.util.Arrays.copyOf(result, Math.max(1, at));
            }
        }
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String shortened(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
