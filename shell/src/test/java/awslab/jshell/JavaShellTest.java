package awslab.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.cli.Interpreter;
import awslab.cli.ShellFixture;
import awslab.i18n.Language;
import awslab.target.Target;
import awslab.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded JShell through the interpreter, on a Moto target: shared clients, safety, meta commands. */
class JavaShellTest {
    @TempDir
    static Path stateDir;

    static ShellFixture shell;

    @BeforeAll
    static void start() {
        MotoServer moto = MotoServer.get();
        shell = ShellFixture.on(Target.endpoint(moto.endpoint(), "us-east-1"), stateDir, Language.EN);
    }

    @Test
    void valuesPrintTheWayJshellPrintsThem() {
        assertTrue(shell.run("int answer = 6 * 7;").contains("answer ==> 42"));
        assertTrue(shell.run("\"a\" + \"b\"").matches("(?s)\\$\\d+ ==> \"ab\"\\s*"), shell.output());
        assertTrue(shell.run("void hello() { System.out.println(\"hello \" + answer); }").contains("created method hello()"));
        assertTrue(shell.run("hello()").contains("hello 42"));
    }

    @Test
    void snippetsUseTheVeryClientsOfTheCommands() {
        Object commandsEc2 = shell.session().clients().ec2();
        String out = shell.run("System.identityHashCode(ec2)");
        assertTrue(out.contains("==> " + System.identityHashCode(commandsEc2)), out);
        assertSame(commandsEc2, shell.java().bindings().ec2());
        out = shell.run("ec2.describeImages(r -> r.owners(\"099720109477\")).images().size() > 0");
        assertTrue(out.contains("==> true"), out);
        // The EC2 model is imported whole.
        assertTrue(shell.run("InstanceType.T2_MICRO.toString()").contains("\"t2.micro\""), shell.output());
    }

    /**
     * An SDK operation the jar does not carry (the build lists them; here a made-up one, as the
     * tests' SDK is whole) is named in one line with the way to get it, for a client's method, its
     * paginator and its request class alike; other unknown names keep javac's message.
     */
    @Test
    void anOperationTrimmedFromTheJarIsNamedInOneLine() {
        TrimmedSdk trimmed = TrimmedSdk.parse("# test\nec2: FlyToMoon DescribeIpams\nssm: GetMoon\n");
        JavaRunner runner = new JavaRunner(shell.java(), shell.session().console(), trimmed);
        for (String snippet : new String[] {"ec2.flyToMoon()", "ec2.flyToMoonPaginator(r -> {})",
                "software.amazon.awssdk.services.ec2.Ec2Client.builder().build().flyToMoon()", "FlyToMoonRequest.builder()"}) {
            String out = shell.capture(() -> runner.run(snippet));
            assertTrue(out.contains("The ec2 operation FlyToMoon is not in this build of awslab"), snippet + " → " + out);
            assertTrue(out.contains("\"ec2: FlyToMoon\" to shell/src/build/sdk-api.txt") && out.contains("aws ec2 fly-to-moon"), out);
            assertFalse(out.contains("cannot find symbol"), out);
            assertEquals(1, out.strip().lines().count(), out);
        }
        // Listed for another service, or not listed: the compiler's own words.
        for (String snippet : new String[] {"ec2.getMoon()", "ec2.flyToMars()"}) {
            String out = shell.capture(() -> runner.run(snippet));
            assertTrue(out.contains("cannot find symbol") && !out.contains("not in this build"), snippet + " → " + out);
        }
        // Outside the jar nothing is trimmed.
        assertTrue(shell.run("ec2.flyToMoon()").contains("cannot find symbol"), shell.output());
    }

    @Test
    void systemExitEndsTheSnippetNotTheShell() {
        for (String exit : new String[] {"System.exit(3);", "Runtime.getRuntime().halt(4);",
                "java.util.function.IntConsumer quit = System::exit; quit.accept(5);",
                "try { System.exit(6); } catch (Exception e) { }"}) {
            String out = shell.run(exit);
            assertTrue(out.contains("ends the snippet, not the shell"), exit + " → " + out);
        }
        assertTrue(shell.run("1 + 1").contains("==> 2"), "the shell still runs");
    }

    @Test
    void exceptionsAndErrorsAreOneClearLineWithoutStackTrace() {
        String out = shell.run("Integer.parseInt(\"x\")");
        assertTrue(out.contains("Exception java.lang.NumberFormatException: For input string: \"x\""), out);
        assertFalse(out.contains("\tat "), out);
        out = shell.run("int broken = ;");
        assertTrue(out.contains("Java error:"), out);
        assertFalse(out.contains("\tat "), out);
        // An AWS error thrown in a snippet gets the same explanation as in a command.
        out = shell.run("ec2.stopInstances(r -> r.instanceIds(\"i-0123456789abcdef0\"))");
        assertTrue(out.contains("AWS does not know this (InvalidInstanceID.NotFound"), out);
        assertFalse(out.contains("\tat "), out);
    }

    @Test
    void incompleteJavaAsksForMoreUsingJshellsAnalysis() {
        Interpreter interpreter = shell.interpreter();
        assertTrue(interpreter.needsMore("int twice(int n) {"));
        assertTrue(interpreter.needsMore("int twice(int n) {\n  return 2 * n;"));
        assertFalse(interpreter.needsMore("int twice(int n) {\n  return 2 * n;\n}"));
        assertFalse(interpreter.needsMore("help"), "commands are never continued");
        assertTrue(shell.run("int twice(int n) {\n  return 2 * n;\n}").contains("created method twice(int)"));
        assertTrue(shell.run("twice(21)").contains("==> 42"));
    }

    @Test
    void completionKnowsMembersImportedClassesAndPackageMembers() {
        assertTrue(suggestions("ec2.describeIn").contains("describeInstances("), suggestions("ec2.describeIn").toString());
        assertTrue(suggestions("InstanceStateN").contains("InstanceStateName"), suggestions("InstanceStateN").toString());
        assertTrue(suggestions("java.util.concurrent.ConcurrentHashM").contains("ConcurrentHashMap"),
                suggestions("java.util.concurrent.ConcurrentHashM").toString());
    }

    private static java.util.List<String> suggestions(String source) {
        return shell.java().complete(source, source.length(), new int[1]).stream()
                .map(jdk.jshell.SourceCodeAnalysis.Suggestion::continuation).toList();
    }

    @Test
    void metaCommandsListVariablesImportsSnippetsAndSave() throws Exception {
        shell.run("String greeting = \"bonjour\";");
        assertTrue(shell.run("/vars").contains("String greeting = \"bonjour\""), shell.output());
        assertTrue(shell.output().contains("Ec2Client ec2 = "), shell.output());
        String imports = shell.run("/imports");
        assertTrue(imports.contains("import software.amazon.awssdk.services.ec2.model.*;"), imports);
        assertTrue(imports.contains("share names"), imports);
        String list = shell.run("/list");
        assertTrue(list.contains("String greeting = \"bonjour\";"), list);
        assertFalse(list.contains("Bindings"), "startup snippets are not listed: " + list);
        Path saved = stateDir.resolve("saved.jsh");
        assertTrue(shell.run("/save " + saved).contains("Saved"), shell.output());
        assertTrue(Files.readString(saved).contains("String greeting = \"bonjour\";"));
        assertTrue(shell.run("/nope").contains("Unknown Java tool /nope"), shell.output());
    }
}
