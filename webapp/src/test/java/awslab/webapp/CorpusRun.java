package awslab.webapp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Sends a {@link Corpus} to a running service over real sockets, from several threads, and
 * judges every answer: it must come within a bound, be 2xx or 4xx, be JSON with its charset
 * (the home page: HTML), and never show a Java name or a stack trace. Counts go in a {@link Tally}.
 *
 * <pre>{@code
 * Tally tally = CorpusRun.run(port, 42, 2_000, 4, Duration.ofSeconds(6));
 * assertEquals(0, tally.failures(), tally.report());
 * }</pre>
 */
final class CorpusRun {
    /** What a Java name or a stack trace looks like in a body: never to be sent. */
    static final Pattern JAVA = Pattern.compile("(Exception|\\bat [a-z]+\\.[\\w.$]+\\(|\\.java:\\d+|\\b(java|javax|org\\.eclipse|"
            + "spark|com\\.google|awslab)\\.[a-z]+\\.|OutOfMemory|StackOverflow)");

    private CorpusRun() {}

    /** Sends {@code requests} cases of seed {@code seed} (thread {@code t} draws from seed + t) and judges them. */
    static Tally run(int port, long seed, int requests, int threads, Duration bound) throws Exception {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long threadSeed = seed + t;
                int share = requests / threads + (t < requests % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    Corpus corpus = new Corpus(threadSeed);
                    for (int i = 0; i < share; i++) {
                        Corpus.Case next = corpus.next();
                        tally.judge(next, send(port, next, bound));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(requests * bound.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return tally;
    }

    /** How long to wait for an answer that is not owed (see {@link Corpus.Case#owed()}): most come at once. */
    static final Duration GRACE = Duration.ofMillis(500);

    /** Sends one case as its pace says; a stalled case keeps its connection open, silent, while it waits. */
    static RawHttp.Answer send(int port, Corpus.Case next, Duration bound) {
        if (!next.owed()) {
            bound = GRACE;
        }
        try {
            if (next.pace() == Corpus.Pace.WHOLE) {
                return RawHttp.send(port, next.bytes(), next.head(), bound);
            }
            byte[] bytes = next.bytes();
            int headEnd = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            int cut = next.pace() == Corpus.Pace.STALLED_HEADERS || headEnd < 0
                    ? Math.max(1, (headEnd < 0 ? bytes.length : headEnd) / 2)
                    : headEnd + 4 + (bytes.length - headEnd - 4) / 2;
            long start = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoLinger(true, 0);
                socket.getOutputStream().write(bytes, 0, cut);
                socket.getOutputStream().flush();
                return RawHttp.read(socket, next.head(), start, start + bound.toNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts of what came back, and the first few failures in full. */
    static final class Tally {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

        void judge(Corpus.Case sent, RawHttp.Answer answer) {
            count("tries");
            String failure = failure(sent, answer);
            if (failure == null) {
                count(answer.status() < 0 ? "unanswered (incomplete on purpose)" : answer.status() / 100 + "xx");
                count("status " + (answer.status() < 0 ? "none" : answer.status()));
                return;
            }
            count(failure);
            count("status " + (answer.status() < 0 ? "none" : answer.status()));
            if (samples.size() < 20) {
                samples.add(failure + ": " + sent.label() + "\n    sent: " + sent.shown() + "\n    got:  " + answer.status() + " "
                        + answer.headers() + " " + shorten(answer.text()));
            }
        }

        /** Null when the answer is right for the case; else the name of what is wrong. */
        static String failure(Corpus.Case sent, RawHttp.Answer answer) {
            if (!sent.owed()) {
                // Nothing is owed to part of a request before its connection times out, but
                // whatever comes back follows the same rules.
                if (answer.status() < 0) {
                    return null;
                }
            } else if (answer.timedOut()) {
                return "hangs";
            } else if (answer.status() < 0) {
                return "closed without an answer";
            } else if (!answer.complete()) {
                return "truncated answers";
            }
            String text = answer.text();
            if (JAVA.matcher(text).find() || JAVA.matcher(String.valueOf(answer.headers())).find()) {
                return "traces";
            }
            if (answer.status() >= 500) {
                return "5xx";
            }
            if (answer.status() < 200 || answer.status() >= 500 || answer.status() / 100 == 3) {
                return "not 2xx/4xx";
            }
            if (answer.body().length == 0) {
                return null; // HEAD, or nothing to say
            }
            String type = String.valueOf(answer.header("content-type")).replace(" ", "").toLowerCase();
            if (type.equals("text/html;charset=utf-8") && answer.status() == 200) {
                return text.contains("awslab web service") ? null : "not JSON";
            }
            if (!type.equals("application/json;charset=utf-8")) {
                return "not JSON";
            }
            try {
                JsonElement json = JsonParser.parseString(text);
                if (answer.status() >= 400) {
                    JsonObject error = json.getAsJsonObject();
                    boolean shaped = error.get("status").getAsInt() == answer.status() && !error.get("detail").getAsString().isBlank()
                            && error.has("error");
                    return shaped ? null : "errors without status and detail";
                }
                return null;
            } catch (RuntimeException e) {
                return "not JSON";
            }
        }

        /** Adds {@code other}'s counts and samples to these. */
        void add(Tally other) {
            other.counts.forEach((what, n) -> counts.computeIfAbsent(what, k -> new LongAdder()).add(n.sum()));
            other.samples.forEach(sample -> {
                if (samples.size() < 20) {
                    samples.add(sample);
                }
            });
        }

        /** {@code 200: n, 201: n, …}: how many answers had each status. */
        String statuses() {
            StringBuilder statuses = new StringBuilder();
            new TreeMap<>(counts).forEach((what, n) -> {
                if (what.startsWith("status ")) {
                    statuses.append(statuses.length() == 0 ? "" : ", ").append(what.substring(7)).append(": ").append(n.sum());
                }
            });
            return statuses.toString();
        }

        void count(String what) {
            counts.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        long get(String what) {
            LongAdder adder = counts.get(what);
            return adder == null ? 0 : adder.sum();
        }

        /** Answers that break a rule (every count that is not tries, 2xx, 4xx, a status or a stalled case). */
        long failures() {
            return counts.entrySet().stream()
                    .filter(e -> !e.getKey().equals("tries") && !e.getKey().matches("[24]xx|status .*|unanswered.*"))
                    .mapToLong(e -> e.getValue().sum()).sum();
        }

        String report() {
            StringBuilder report = new StringBuilder();
            new TreeMap<>(counts).forEach((k, v) -> report.append(k).append(": ").append(v.sum()).append('\n'));
            samples.forEach(s -> report.append(s).append('\n'));
            return report.toString();
        }

        private static String shorten(String text) {
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }
}
