package awslab.cli;

import awslab.i18n.Language;
import awslab.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REPL fuzz: seeded random lines — commands, typos, Java good and bad, Java that tries to
 * exit, close the standard streams or never stop, pathological lines (huge, deep, control
 * characters, odd Unicode), credentials — typed into the real REPL on a dumb terminal over pipes,
 * one after the other, each waiting (bounded) for the prompt to come back. It counts what went
 * wrong; a correct shell scores zero everywhere but {@code tries}.
 *
 * <ul>
 * <li><b>crashes</b>: the REPL ended (it is started again);</li>
 * <li><b>traces</b>: a stack trace, a Java exception class name where none was asked for, or
 *     "a bug in awslab" on screen;</li>
 * <li><b>hangs</b>: no prompt within the bound after a line (and after Ctrl-C);</li>
 * <li><b>losses</b>: a Java variable defined at the start gone without the shell saying its
 *     session was set aside; typed lines missing from the history;</li>
 * <li><b>orphans</b>: child processes left at the end;</li>
 * <li><b>leaks</b>: a secret on screen or in the history; threads that grow, once warm, beyond
 *     those a set-aside session leaves.</li>
 * </ul>
 *
 * <pre>
 * ReplFuzz.Figures figures = new ReplFuzz(20261130L, stateDir).run(300);
 * </pre>
 */
final class ReplFuzz {
    static final Duration LINE_BOUND = Duration.ofSeconds(30);
    private static final Pattern PROMPT = Pattern.compile("awslab \\[(en|fr)\\|endpoint\\]> |\\.\\.\\.> ");
    /** A stack frame, an uncaught exception, or the shell's own "unexpected error" (one line naming the user's exception is fine). */
    private static final Pattern TRACE = Pattern.compile("\\tat |\\.java:\\d+\\)|Exception in thread|Caused by:|bug in awslab|bogue d.awslab");
    /** AWS's documented example secret: 40 characters, as every secret access key. */
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEY_ID = "ASIAFUZZ2345ABCDEF67";
    static final String SENTINEL = "int fuzzSentinel = 4242;";
    /** {@code -Dfuzz.verbose=true}: each line on the error stream as it is typed. */
    private static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");

    /** What a run found. */
    record Figures(long seed, int tries, int crashes, int traces, int hangs, int losses, int orphans, int leaks,
            int restarts, List<String> examples) {
        boolean clean() {
            return crashes + traces + hangs + losses + orphans + leaks == 0;
        }

        @Override
        public String toString() {
            return String.format("seed %d: tries %d, crashes %d, traces %d, hangs %d, losses %d, orphans %d, leaks %d "
                    + "(Java sessions set aside on purpose: %d)%s", seed, tries, crashes, traces, hangs, losses, orphans,
                    leaks, restarts, examples.isEmpty() ? "" : "\n  " + String.join("\n  ", examples));
        }
    }

    private final long seed;
    private final Random random;
    private final Path stateDir;
    private int crashes;
    private int traces;
    private int hangs;
    private int losses;
    private int orphans;
    private int leaks;
    private int restarts;
    private final List<String> examples = new ArrayList<>();
    private final List<String> typedForHistory = new ArrayList<>();

    ReplFuzz(long seed, Path stateDir) {
        this.seed = seed;
        this.random = new Random(seed);
        this.stateDir = stateDir;
    }

    Figures run(int lines) throws Exception {
        // Processes already there (Moto, started by another test in this JVM) are not the fuzz's.
        java.util.Set<ProcessHandle> childrenBefore = ProcessHandle.current().children().collect(java.util.stream.Collectors.toSet());
        ReplDriver repl = start();
        int warm = lines / 10;
        java.util.Set<Thread> threadsWarm = java.util.Set.of();
        int restartsWarm = 0;
        for (int i = 0; i < lines; i++) {
            if (i == warm) {
                threadsWarm = Thread.getAllStackTraces().keySet();
                restartsWarm = restarts;
            }
            String line = nextLine();
            repl = type(repl, line, i);
        }
        // Once warm, threads may only grow by those a set-aside session leaves (its own, its snippet's);
        // a pool already there when warm may still start threads up to its size, and an SDK client
        // built on first use (one per service, so a bounded few) starts its scheduler's.
        java.util.Set<String> poolsWarm = new java.util.HashSet<>();
        threadsWarm.forEach(thread -> poolsWarm.add(pool(thread.getName())));
        List<String> grown = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!threadsWarm.contains(thread) && !poolsWarm.contains(pool(thread.getName()))
                    && !thread.getName().startsWith("sdk-ScheduledExecutor-")) {
                grown.add(thread.getName());
            }
        }
        if (grown.size() > 2 * (restarts - restartsWarm) + 2) {
            leak("threads", grown.size() + " more threads than when warm, " + (restarts - restartsWarm)
                    + " sessions set aside since: " + byKind(grown));
        }
        repl = type(repl, "fuzzSentinel + 1", lines);
        if (!repl.fresh().contains("4243") && restarts == 0) {
            lost("the variable defined at the start is gone", "fuzzSentinel");
        }
        repl.type("exit");
        if (awaitPrompt(repl) == null && !repl.exited()) {
            hang("exit", repl.fresh());
        }
        repl.close();
        checkHistory();
        List<ProcessHandle> children = ProcessHandle.current().children()
                .filter(child -> child.isAlive() && !childrenBefore.contains(child)).toList();
        if (!children.isEmpty()) {
            orphans += children.size();
            example("processes left: " + children);
        }
        return new Figures(seed, lines, crashes, traces, hangs, losses, orphans, leaks, restarts, examples);
    }

    /** Thread names counted by kind, numbers dropped ({@code {awslab-java=7, Thread=12}}): the figure names them all. */
    private static java.util.Map<String, Long> byKind(List<String> names) {
        return names.stream().collect(java.util.stream.Collectors.groupingBy(name -> name.replaceAll("-\\d+", ""),
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    /** A pool's thread ({@code sdk-ScheduledExecutor-25-4}): its pool ({@code sdk-ScheduledExecutor-25}); else the name itself. */
    private static String pool(String thread) {
        return thread.matches(".*-\\d+-\\d+") ? thread.replaceFirst("-\\d+$", "") : thread;
    }

    private ReplDriver start() throws Exception {
        ReplDriver repl = ReplDriver.start(Target.endpoint(java.net.URI.create("http://127.0.0.1:9"), "us-east-1"),
                stateDir, Language.EN);
        // The account look-up (nothing listens there) prints above the prompt, and draws it again: not a line's answer.
        repl.await("Cannot reach the AWS endpoint");
        awaitPrompt(repl);
        repl.type(SENTINEL);
        awaitPrompt(repl);
        return repl;
    }

    /** Types one line and waits for the prompt; returns the REPL to go on with (a new one after a crash). */
    private ReplDriver type(ReplDriver repl, String line, int index) throws Exception {
        boolean needsStop = line.startsWith("/*stop*/");
        long started = System.nanoTime();
        if (VERBOSE) {
            System.err.print(index + ": " + shorten(line));
        }
        repl.type(line);
        if (needsStop) {
            Thread.sleep(400);
            repl.ctrlC();
        }
        String shown = awaitPrompt(repl);
        if (shown == null) {
            if (repl.exited()) {
                crashes++;
                example("crash after line " + index + ": " + shorten(line));
                return start();
            }
            repl.ctrlC();
            shown = awaitPrompt(repl);
            if (shown == null) {
                hang(line, repl.fresh());
                repl.close();
                return start();
            }
            if (!needsStop) {
                hang(line, shown);
            }
        }
        if (shown.contains("...> ")) {
            repl.ctrlC(); // an unfinished Java line: Ctrl-C abandons it
            awaitPrompt(repl);
        }
        if (shown.contains("set aside")) {
            restarts++;
        }
        check(line, shown);
        if (VERBOSE) {
            System.err.println("  (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }
        return repl;
    }

    private void check(String line, String shown) {
        if (TRACE.matcher(shown).find()) {
            traces++;
            example("trace for " + shorten(line) + ": " + shorten(shown));
        }
        if (shown.contains(SECRET) || shown.contains(KEY_ID)) {
            leak("secret on screen", shorten(line));
        }
    }

    /** Waits for the next prompt; the screen part up to it, or null after the bound. */
    private static String awaitPrompt(ReplDriver repl) throws InterruptedException {
        Instant deadline = Instant.now().plus(LINE_BOUND);
        while (Instant.now().isBefore(deadline)) {
            String fresh = repl.fresh();
            Matcher prompt = PROMPT.matcher(fresh);
            if (prompt.find()) {
                String read = fresh.substring(0, prompt.end());
                repl.skip(read);
                return read;
            }
            if (repl.exited()) {
                return null;
            }
            Thread.sleep(10);
        }
        return null;
    }

    private void checkHistory() throws IOException {
        String history = Files.readString(stateDir.resolve("history"));
        if (history.contains(SECRET) || history.contains(KEY_ID)) {
            leak("secret in the history", "history");
        }
        List<String> recent = typedForHistory.subList(Math.max(0, typedForHistory.size() - 50), typedForHistory.size());
        for (String line : recent) {
            if (!history.contains(line)) {
                lost("a typed line is missing from the history", line);
            }
        }
    }

    private void hang(String line, String shown) {
        hangs++;
        example("hang on " + shorten(line) + ": " + shorten(shown));
    }

    private void lost(String what, String detail) {
        losses++;
        example(what + ": " + shorten(detail));
    }

    private void leak(String what, String detail) {
        leaks++;
        example(what + ": " + shorten(detail));
    }

    private void example(String text) {
        if (examples.size() < 20) {
            examples.add(text);
        }
    }

    private static String shorten(String text) {
        String one = text.replace("\n", "⏎");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    // ---- the lines ----

    private String nextLine() {
        List<Function<Random, String>> kinds = KINDS;
        int[] weights = WEIGHTS;
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < kinds.size(); i++) {
            pick -= weights[i];
            if (pick < 0) {
                String line = kinds.get(i).apply(random);
                if (i == 0 && line.length() < 200) {
                    typedForHistory.add(line);
                }
                return line;
            }
        }
        throw new IllegalStateException();
    }

    private static <T> T any(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static final List<String> COMMANDS = List.of("help", "help connect", "help launch", "status", "status --help",
            "lesson", "progress", "hint", "explain on", "explain off", "lang en", "lang fr", "instances --help",
            "fleet --help", "burn-cpu --help", "/vars", "/imports", "/list", "/nope", "launch --bogus", "terminate",
            "stop", "ssh --help", "cleanup --help", "demo --help", "lang xx", "help nothing", "");

    private static final List<String> JAVA = List.of("1 + 1", "\"abc\".repeat(3)", "int x = 6 * 7;", "x * 2",
            "var list = new ArrayList<String>(List.of(\"a\", \"b\"));", "list.stream().map(String::toUpperCase).toList()",
            "record Point(int x, int y) {}", "new Point(1, 2)", "int twice(int n) { return 2 * n; }", "twice(21)",
            "Integer.parseInt(\"nope\")", "Object o = null; o.toString();", "int[] a = new int[2]; a[5] = 1;", "1 / 0",
            "throw new IllegalStateException(\"boom\");", "int rec(int n) { return rec(n + 1); }", "rec(0)",
            "new long[Integer.MAX_VALUE]", "Thread.sleep(50)", "Math.sqrt(2)", "String s = \"é ü 日本 🙂\";", "s.length()",
            "LocalDate.of(2026, 11, 30).getDayOfWeek()", "InstanceType.T2_MICRO", "ec2 == null", "int broken = ;",
            "List.of(1, 2, 3).stream().mapToInt(i -> i).sum()", "class Box { int v; }", "new Box().v",
            "new Thread(() -> System.out.println(\"from a thread\")).start()", "System.out.println(\"printed\")",
            "System.err.println(\"on err\")", "for (int i = 0; i < 3; i++) System.out.print(i);",
            "enum Color { RED, GREEN }", "Color.valueOf(\"RED\")", "String.join(\",\", List.of(\"x\", \"y\"))",
            "int f(", "class Open {", "\"unclosed");

    private static final List<String> HOSTILE = List.of("System.exit(1);", "Runtime.getRuntime().halt(2);",
            "System.class.getMethod(\"exit\", int.class).invoke(null, 3);",
            "Runtime.class.getMethod(\"halt\", int.class).invoke(Runtime.getRuntime(), 4);",
            "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\", java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(5);",
            "java.util.function.IntConsumer q = System::exit; q.accept(6);", "System.in.close();", "System.out.close();",
            "System.err.close();", "new Thread(() -> System.exit(7)).start();",
            "/*stop*/ while (true) { }", "/*stop*/ while (true) { try { Thread.sleep(10); } catch (Throwable t) { } }",
            "/*stop*/ for (;;) { try { for (;;) { } } catch (Throwable t) { } }",
            "/*stop*/ Thread.sleep(60_000)");

    private static final List<Function<Random, String>> KINDS = List.of(
            random -> any(random, COMMANDS),
            random -> any(random, JAVA),
            random -> any(random, HOSTILE),
            random -> "/*stop*/ awslab.testing.Unstoppable.run();",
            ReplFuzz::pathological,
            random -> any(random, List.of("aws_secret_access_key=" + SECRET, "aws_access_key_id = " + KEY_ID,
                    "export AWS_SECRET_ACCESS_KEY=" + SECRET, "[default]", KEY_ID, SECRET,
                    "{\"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\": \"" + SECRET + "\"}")),
            ReplFuzz::typo);
    private static final int[] WEIGHTS = {25, 35, 12, 1, 12, 5, 10};

    private static String pathological(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "x".repeat(random.nextInt(50_000));
            case 1 -> "lang " + "y".repeat(100_001);
            case 2 -> "(".repeat(1 + random.nextInt(2_000)) + "1" + ")".repeat(random.nextInt(2_000));
            case 3 -> String.join("+", java.util.Collections.nCopies(1 + random.nextInt(8_000), "1"));
            case 4 -> "help\u0007\u0001";
            case 5 -> "\u202e\u200bstatus\ufeff";
            case 6 -> "\"" + "\\".repeat(random.nextInt(100)) + "\"";
            case 7 -> randomText(random, 1 + random.nextInt(300));
            case 8 -> "   \t  ";
            default -> "// " + "💥".repeat(random.nextInt(500));
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f);
            if (!Character.isSurrogate((char) c)) {
                text.append((char) c);
            }
        }
        return text.toString();
    }

    /** A command name with one letter changed (never the command itself: those that ask questions would wait). */
    private static String typo(Random random) {
        String word = any(random, List.of("status", "launch", "lesson", "terminate", "connect", "cleanup", "help"));
        int at = random.nextInt(word.length());
        char other = (char) ('a' + (word.charAt(at) - 'a' + 1 + random.nextInt(25)) % 26);
        return word.substring(0, at) + other + word.substring(at + 1);
    }
}
