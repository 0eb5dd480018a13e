package awslab.testing;

import awslab.state.StateFiles;
import awslab.api.ShellContext;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import awslab.api.Reachability;
import awslab.api.AwsClients;
import awslab.api.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A {@link ShellContext} for command tests: real SDK clients pointed at the test's Moto server,
 * output captured in memory, progress steps recorded, a fixed answer to confirmations.
 *
 * <pre>
 * TestShellContext ctx = TestShellContext.onMoto(tempDir);
 * int code = TestShellContext.run(ctx, new StopCommand(), "i-0123");
 * assertTrue(ctx.output().contains("stopped"));
 * </pre>
 */
public final class TestShellContext implements ShellContext {
    private final StateFiles files = new StateFiles(damage -> {
        throw new AssertionError("a test's state file was damaged: " + damage);
    });
    private final Messages messages;
    private final StringWriter buffer = new StringWriter();
    private final PrintWriter out = new PrintWriter(buffer, true);
    private final AwsClients clients;
    private final Path stateDir;
    private final List<String> steps = new ArrayList<>();
    private Reachability reachability = Reachability.NONE;
    private boolean confirmAnswer;

    public TestShellContext(Language language, AwsClients clients, Path stateDir) {
        this.messages = Messages.load(language);
        this.clients = clients;
        this.stateDir = stateDir;
    }

    /** English, clients on the shared Moto server, state in {@code stateDir}. */
    public static TestShellContext onMoto(Path stateDir) {
        return new TestShellContext(Language.EN, motoClients(), stateDir);
    }

    /** Every SDK client the shell builds, pointed at the shared Moto server. */
    public static AwsClients motoClients() {
        MotoServer moto = MotoServer.get();
        return new AwsClients(
                moto.configure(Ec2Client.builder()).build(),
                moto.configure(AutoScalingClient.builder()).build(),
                moto.configure(ElasticLoadBalancingV2Client.builder()).build(),
                moto.configure(StsClient.builder()).build(),
                moto.configure(SsmClient.builder()).build(),
                moto.configure(CloudWatchClient.builder()).build());
    }

    /** Parses {@code args} into {@code command} with picocli and runs it in {@code ctx}; returns the exit code. */
    public static int run(TestShellContext ctx, awslab.api.BaseCommand command, String... args) {
        command.context(ctx);
        return new picocli.CommandLine(command).execute(args);
    }

    public TestShellContext reachability(Reachability reachability) {
        this.reachability = reachability;
        return this;
    }

    public TestShellContext answerConfirmations(boolean answer) {
        this.confirmAnswer = answer;
        return this;
    }

    /** Everything printed so far. */
    public String output() {
        out.flush();
        return buffer.toString();
    }

    /** The progress steps reported so far, rendered in the context's language. */
    public List<String> steps() {
        return List.copyOf(steps);
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public AwsClients clients() {
        return clients;
    }

    @Override
    public Reachability reachability() {
        return reachability;
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public StateFiles files() {
        return files;
    }

    @Override
    public Progress progress() {
        return (key, args) -> steps.add(messages.get(key, args));
    }

    @Override
    public boolean confirm(String key, Object... args) {
        out.println(messages.get(key, args));
        return confirmAnswer;
    }

    @Override
    public Optional<Terminal> terminal() {
        return Optional.empty();
    }
}
