package awslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.sandbox.SandboxClient;
import awslab.sandbox.SandboxTesting;
import awslab.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code sandbox} command: what it says with and without a sandbox running, in both languages, and its mistakes. */
class SandboxCommandTest {
    @TempDir
    Path home;

    @AfterEach
    void stopTheSandbox() {
        SandboxTesting.stopService(home);
    }

    private ShellFixture shell() {
        return ShellFixture.on(Target.sandbox("us-east-1"), home, Language.EN,
                Map.of("AWSLAB_SANDBOX_PORT", "0", "AWSLAB_SANDBOX_PACE", "fast"));
    }

    @Test
    void withoutASandboxItSaysSoAndStartsNone() {
        ShellFixture shell = shell();
        String status = shell.run("sandbox status");
        assertTrue(status.contains("Sandbox: not running. It starts by itself when a command needs it"), status);
        assertTrue(shell.run("sandbox").contains("not running"), "alone, sandbox is sandbox status");
        assertTrue(shell.run("sandbox stop").contains("The sandbox is not running."));
        assertTrue(shell.run("sandbox logs").contains("No log yet"));
        assertFalse(SandboxClient.find(home).isPresent(), "looking never starts it");
        shell.run("lang fr");
        assertTrue(shell.run("sandbox status").contains("Bac à sable : arrêté."));
    }

    @Test
    void badValuesAreRefusedClearlyAndNothingIsSaved() {
        ShellFixture shell = shell();
        assertTrue(shell.run("sandbox start --port 99999").contains("Not a port: 99999"));
        assertTrue(shell.run("sandbox start --idle soon").contains("Not a time: soon. For example 90m, 2h or 30s (0: never)."));
        assertFalse(Files.exists(home.resolve("settings.properties")) && shell.session().settings().get("sandbox.port").isPresent());
        assertFalse(SandboxClient.find(home).isPresent());
    }

    @Test
    @Timeout(120)
    void startShowsItStopEndsItAndStatusSaysHowToReachIt() {
        ShellFixture shell = shell();
        String started = shell.run("sandbox start --idle 30m");
        SandboxClient sandbox = SandboxClient.find(home).orElseThrow(() -> new AssertionError(started));
        assertTrue(started.contains("Saved: from its next start, it stops by itself after 30\u00a0min without use."), started);
        assertTrue(started.contains("Sandbox: " + sandbox.endpoint() + ", running since"), started);
        assertTrue(started.contains("aws --endpoint-url " + sandbox.endpoint() + " --region us-east-1 ec2 describe-instances"), started);
        assertTrue(started.contains("boto3.client(\"ec2\", endpoint_url=\"" + sandbox.endpoint() + "\""), started);
        assertTrue(started.contains("The private key of the key pair vockey is " + home.resolve("sandbox/labsuser.pem")), started);
        assertEquals(1, started.split("public IP addresses and load-balancer DNS names are fictional", -1).length - 1,
                "a first start says once how the sandbox differs from AWS: " + started);
        String status = shell.run("status");
        assertTrue(status.contains("Sandbox: " + sandbox.endpoint()) && status.contains("aws --endpoint-url"), status);
        assertTrue(shell.run("sandbox logs --lines 5").contains("sandbox serving " + home), "its log, from the shell");
        assertTrue(shell.run("sandbox stop").contains("Sandbox stopped: its resources are saved in " + home.resolve("sandbox/state.json")));
        assertFalse(SandboxClient.find(home).isPresent());
    }

    @Test
    void everySubcommandAndOptionHasItsHelpInBothLanguages() {
        List<String> missing = new ArrayList<>();
        CommandLine sandbox = new CommandLine(new SandboxCommand(null, null));
        List<CommandSpec> commands = new ArrayList<>(List.of(sandbox.getCommandSpec()));
        sandbox.getSubcommands().values().forEach(c -> commands.add(c.getCommandSpec()));
        for (Language language : Language.values()) {
            Messages messages = Messages.load(language);
            for (CommandSpec command : commands) {
                String path = command.qualifiedName(".");
                for (String part : List.of("summary", "description", "examples")) {
                    if (!messages.has("help." + path + "." + part)) {
                        missing.add(language + ": help." + path + "." + part);
                    }
                }
                List<ArgSpec> args = new ArrayList<>(command.options());
                args.addAll(command.positionalParameters());
                for (ArgSpec arg : args) {
                    if (arg.descriptionKey() == null || !messages.has(arg.descriptionKey())) {
                        missing.add(language + ": " + path + " " + arg);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), missing.toString());
    }
}
