package awslab.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.cli.ShellFixture;
import awslab.i18n.Language;
import awslab.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java that tries to end or freeze the shell, run through the interpreter as typed at the
 * prompt: every route to exit, loops that swallow the stop, a snippet that cannot be stopped at
 * all, closed standard streams, expressions too long for the compiler, a class file the rewriter
 * cannot read. The shell answers each with one line and keeps running.
 */
class SnippetSafetyTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    static ShellFixture shell;

    @BeforeAll
    static void start() {
        // No AWS call is made: an endpoint that is never contacted.
        shell = ShellFixture.on(Target.endpoint(URI.create("http://127.0.0.1:9"), "us-east-1"), stateDir, Language.EN);
    }

    @AfterAll
    static void stop() {
        shell.java().close();
    }

    @Test
    void noRouteToExitEndsTheShell() {
        String[] routes = {
            "System.exit(3);",
            "Runtime.getRuntime().halt(4);",
            "Runtime.getRuntime().exit(4);",
            "java.util.function.IntConsumer quit = System::exit; quit.accept(5);",
            "try { System.exit(6); } catch (Exception e) { }",
            "System.class.getMethod(\"exit\", int.class).invoke(null, 7);",
            "Runtime.class.getMethod(\"halt\", int.class).invoke(Runtime.getRuntime(), 8);",
            "Class.forName(\"java.lang.Sys\" + \"tem\").getDeclaredMethod(\"ex\" + \"it\", int.class).invoke(null, 9);",
            "java.lang.reflect.Method.class.getMethod(\"invoke\", Object.class, Object[].class)"
                    + ".invoke(System.class.getMethod(\"exit\", int.class), null, new Object[] {10});",
            "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(11);",
            "java.lang.invoke.MethodHandles.publicLookup().findVirtual(Runtime.class, \"halt\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 12);",
            "java.lang.invoke.MethodHandles.lookup().unreflect(System.class.getMethod(\"exit\", int.class)).invokeWithArguments(13);",
            "java.lang.invoke.MethodHandles.lookup().bind(Runtime.getRuntime(), \"halt\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(14);",
            "var find = java.lang.invoke.MethodHandles.lookup().findVirtual(java.lang.invoke.MethodHandles.Lookup.class, \"findStatic\","
                    + " java.lang.invoke.MethodType.methodType(java.lang.invoke.MethodHandle.class, Class.class, String.class,"
                    + " java.lang.invoke.MethodType.class));",
            "((java.lang.invoke.MethodHandle) find.invoke(java.lang.invoke.MethodHandles.lookup(), System.class, \"exit\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class))).invoke(15);",
            "Thread t = new Thread(() -> Runtime.getRuntime().halt(16)); t.start(); t.join();",
        };
        for (String route : routes) {
            String out = shell.run(route);
            assertFalse(out.contains("\tat "), route + " → " + out);
            if (!route.startsWith("var find") && !route.startsWith("Thread t")) {
                assertTrue(out.contains("ends the snippet, not the shell"), route + " → " + out);
            }
        }
        assertTrue(shell.run("1 + 1").contains("==> 2"), "the shell still runs: " + shell.output());
        // Reflection and method handles still work for everything else.
        assertTrue(shell.run("String.class.getMethod(\"length\").invoke(\"four\")").contains("==> 4"), shell.output());
        assertTrue(shell.run("java.lang.invoke.MethodHandles.lookup().findStatic(Math.class, \"abs\","
                + " java.lang.invoke.MethodType.methodType(int.class, int.class)).invoke(-3)").contains("==> 3"), shell.output());
    }

    @Test
    void loopsThatSwallowTheStopStillStopOnCtrlC() throws Exception {
        for (String loop : new String[] {
            "while (true) { }",
            "while (true) { try { Thread.sleep(20); } catch (InterruptedException e) { } }",
            "while (true) { try { Thread.sleep(20); } catch (Throwable e) { } }",
            "for (;;) { try { for (;;) { } } catch (Throwable t) { } finally { } }",
            "Thread t = new Thread(() -> { while (true) { try { Thread.sleep(20); } catch (Throwable e) { } } }); t.start(); t.join();",
        }) {
            String out = interruptWhileRunning("{ System.out.println(\"started\"); " + loop + " }");
            assertTrue(out.contains("Snippet stopped."), loop + " → " + out);
        }
        assertTrue(shell.run("1 + 1").contains("==> 2"), shell.output());
    }

    @Test
    void aSnippetThatCannotBeStoppedIsSetAsideForAFreshSession() throws Exception {
        shell.run("int kept = 42;");
        // Library code that swallows every stop: neither interrupts, the JVM's stop nor stop checks reach it.
        String out = interruptWhileRunning("awslab.testing.Unstoppable.run();");
        assertTrue(out.contains("its Java session was set aside and a fresh one started"), out);
        assertTrue(shell.run("1 + 1").contains("==> 2"), "a fresh session answers: " + shell.output());
        assertTrue(shell.run("kept + 1").contains("cannot find symbol"), "the old variables are gone: " + shell.output());
        assertTrue(shell.run("ec2 == null").contains("==> false"), "the clients are bound again: " + shell.output());
    }

    @Test
    void closingTheStandardStreamsLeavesTheShellWorking() {
        for (String close : new String[] {"System.in.close();", "System.out.close();", "System.err.close();"}) {
            shell.run(close);
            String out = shell.run("System.out.println(\"still here\")");
            assertTrue(out.contains("still here"), close + " → " + out);
        }
        assertTrue(shell.run("\"after\" + 1").contains("\"after1\""), shell.output());
    }

    @Test
    void longExpressionsCompileAndPathologicalOnesAreRefusedInOneLine() {
        String sum = String.join("+", java.util.Collections.nCopies(2_000, "1"));
        assertTrue(shell.run(sum).contains("==> 2000"), shell.output());
        assertTrue(shell.run("(".repeat(400) + "1" + ")".repeat(400)).contains("==> 1"), shell.output());
        for (String pathological : new String[] {
            String.join("+", java.util.Collections.nCopies(20_000, "1")),
            "(".repeat(40_000) + "1" + ")".repeat(40_000),
            "int[] a = {" + "{".repeat(600) + "}".repeat(600) + "};",
        }) {
            String out = shell.run(pathological);
            assertTrue(out.contains("too long or too deeply nested for the compiler (at most 5,000 operators and 500 levels"),
                    out.substring(0, Math.min(out.length(), 400)));
            assertFalse(out.contains("\tat ") || out.contains("Exception") || out.contains("bug"), out);
        }
        // Operators inside strings and comments are not counted.
        String text = "\"" + "+".repeat(6_000) + "\".length() // " + "-".repeat(6_000);
        assertTrue(shell.run(text).contains("==> 6000"), shell.output());
        assertTrue(shell.run("1 + 1").contains("==> 2"), shell.output());
    }

    @Test
    void aClassFileTheRewriterCannotReadStillRunsWithOneWarning() {
        List<String> told = new ArrayList<>();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        SnippetExecution execution = new SnippetExecution(quiet, told::add, bytes -> {
            throw new IllegalArgumentException("Unsupported class file major version 71");
        });
        try (JShell jshell = JShell.builder().executionEngine(execution, Map.of()).out(quiet).err(quiet).build()) {
            List<SnippetEvent> first = jshell.eval("6 * 7");
            List<SnippetEvent> second = jshell.eval("int x = 1;");
            assertEquals("42", first.get(0).value());
            assertEquals("1", second.get(0).value());
        }
        assertEquals(List.of("Unsupported class file major version 71"), told, "told once");
    }

    @Test
    void aJdkNewerThanTheRewriterCompilesSnippetsForTheNewestItKnows() throws Exception {
        assertEquals(0, JavaShell.compileRelease(25, 26));
        assertEquals(26, JavaShell.compileRelease(27, 26));
        assertTrue(SnippetRewriter.newestRelease() >= 25, "ASM reads the JDKs CI runs on");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (JavaShell java = JavaShell.lazy(out, () -> CompletableFuture.completedFuture(null), 17)) {
            JavaShell.Evaluation exit = java.eval("System.exit(3);");
            assertTrue(java.takeLastThrown() instanceof ExitTrap.SnippetExit, "still guarded with --release 17");
            assertEquals(JavaShell.Outcome.DONE, exit.outcome());
            assertEquals("\"text block\"", java.eval("\"\"\"\n    text block\"\"\"").events().get(0).value(),
                    "Java 17's language still compiles");
        }
    }

    /** Runs {@code source} on the interpreter and presses Ctrl-C once it runs (printed "started"). */
    private static String interruptWhileRunning(String source) throws Exception {
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> shell.run(source));
        Instant deadline = Instant.now().plus(WAIT);
        while (!shell.output().contains("started") && Instant.now().isBefore(deadline) && !running.isDone()) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        shell.interpreter().interrupt();
        return running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
