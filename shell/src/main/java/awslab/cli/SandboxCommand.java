package awslab.cli;

import awslab.i18n.AwsWord;
import awslab.api.BaseCommand;
import awslab.settings.Settings;
import awslab.target.SandboxCloud;
import awslab.ui.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sandbox [status|start|stop|logs]}: the local sandbox as the service it is — where it
 * runs and what it holds, start it now (with a port and idle stop saved as settings), stop it
 * (state saved, instances' processes ended), the end of its log. Alone, {@code sandbox} is
 * {@code sandbox status}.
 *
 * <pre>
 * sandbox status
 * sandbox start --port 4600 --idle 30m
 * sandbox stop
 * sandbox logs --lines 50
 * </pre>
 */
@Command(name = "sandbox", subcommands = {SandboxCommand.Status.class, SandboxCommand.Start.class, SandboxCommand.Stop.class,
        SandboxCommand.Logs.class})
public final class SandboxCommand extends BaseCommand {
    private final ShellSession session;
    private final SandboxCloud cloud;

    public SandboxCommand(ShellSession session, SandboxCloud cloud) {
        this.session = session;
        this.cloud = cloud;
    }

    @Override
    protected int doCall() {
        show();
        return 0;
    }

    void show() {
        show(true);
    }

    /** Everything about it: where it runs, what it holds and where each thing is, how to reach it, how it differs from AWS. */
    void show(boolean differences) {
        Console console = session.console();
        SandboxTexts texts = new SandboxTexts(console);
        Optional<SandboxCloud.Status> running = cloud.running();
        if (running.isEmpty()) {
            texts.stopped(cloud);
            return;
        }
        SandboxCloud.Status status = running.get();
        texts.summary(status);
        texts.census(status);
        for (SandboxCloud.Address a : cloud.addresses()) {
            if (a.instance()) {
                console.info("msg.sandbox.status.instance", dash(a.name()), a.id(), console.messages().word(AwsWord.state(a.state())), dash(a.publicAddress()), dash(a.web()),
                        dash(a.ssh()));
            } else {
                console.info("msg.sandbox.status.loadBalancer", a.name(), console.messages().word(AwsWord.balancer(a.state())), a.publicAddress(), dash(a.web()));
            }
        }
        if (status.problems() > 0) {
            console.warn("msg.sandbox.status.problems", status.problems());
        }
        texts.clients(status.endpoint());
        console.info("msg.sandbox.status.files", status.stateFile(), status.log());
        if (differences) {
            SandboxTexts.differences(status, console::info);
        }
    }

    private static String dash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    /** A {@code sandbox} subcommand: the session and the sandbox come from its parent. */
    abstract static class Sub extends BaseCommand {
        @ParentCommand
        SandboxCommand parent;
    }

    @Command(name = "status")
    static final class Status extends Sub {
        @Override
        protected int doCall() {
            parent.show();
            return 0;
        }
    }

    @Command(name = "start")
    static final class Start extends Sub {
        @Option(names = "--port", paramLabel = "N", descriptionKey = "help.sandbox.start.option.port")
        String port;

        @Option(names = "--idle", paramLabel = "TIME", descriptionKey = "help.sandbox.start.option.idle")
        String idle;

        @Override
        protected int doCall() {
            ShellSession session = parent.session;
            Settings settings = session.settings();
            if (idle != null) {
                SandboxCloud.parseIdle(idle);
                settings.set(Settings.SANDBOX_IDLE, idle.strip());
                session.console().info("msg.sandbox.saved.idle", new SandboxTexts(session.console()).idleStop(SandboxCloud.parseIdle(idle)));
            }
            if (port != null) {
                int wanted = SandboxCloud.parsePort(port);
                settings.set(Settings.SANDBOX_PORT, String.valueOf(wanted));
                session.console().info("msg.sandbox.saved.port", String.valueOf(wanted));
                parent.cloud.running().filter(s -> wanted != 0 && s.endpoint().getPort() != wanted).ifPresent(s ->
                        session.console().info("msg.sandbox.alreadyElsewhere", s.endpoint(), String.valueOf(wanted)));
            }
            boolean wasRunning = parent.cloud.running().isPresent();
            boolean fresh = parent.cloud.start().fresh();
            // a first start has just said how the sandbox differs from AWS (SandboxNotices): not twice
            parent.show(wasRunning || !fresh);
            return 0;
        }
    }

    @Command(name = "stop")
    static final class Stop extends Sub {
        @Override
        protected int doCall() {
            if (parent.cloud.stop()) {
                parent.session.console().success("msg.sandbox.stopped", parent.cloud.stateFile());
            } else {
                parent.session.console().info("msg.sandbox.notRunning");
            }
            return 0;
        }
    }

    @Command(name = "logs")
    static final class Logs extends Sub {
        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20", descriptionKey = "help.sandbox.logs.option.lines")
        int lines;

        @Override
        protected int doCall() {
            Console console = parent.session.console();
            Path log = parent.cloud.logFile();
            List<String> all;
            try {
                all = Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                console.info("msg.sandbox.logs.none", log);
                return 0;
            }
            List<String> last = all.subList(Math.max(0, all.size() - Math.max(1, lines)), all.size());
            console.info("msg.sandbox.logs.head", last.size(), log);
            last.forEach(console::println);
            return 0;
        }
    }
}
