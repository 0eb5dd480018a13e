package awslab;

import awslab.api.Checkpoint;
import awslab.api.GroupNames;
import awslab.api.InstanceNames;
import awslab.api.LessonNames;
import awslab.api.Progress;
import awslab.api.UserException;
import awslab.cli.CommandRunner;
import awslab.cli.Commands;
import awslab.cli.Interpreter;
import awslab.cli.SandboxNotices;
import awslab.cli.ShellCommands;
import awslab.cli.ShellSession;
import awslab.doctor.DoctorCommand;
import awslab.fleet.FleetWiring;
import awslab.fleet.LabLaunchSpecs;
import awslab.fleet.Pacer;
import awslab.fleet.check.FleetCheckpoints;
import awslab.fleet.cli.BurnCpuCommand;
import awslab.fleet.cli.FleetCommand;
import awslab.jshell.JavaShell;
import awslab.lab.Instances;
import awslab.lab.TaggedResources;
import awslab.lab.Waiting;
import awslab.lab.check.LabCheckpoints;
import awslab.lab.cmd.CleanupCommand;
import awslab.lab.cmd.InstanceCandidates;
import awslab.lab.cmd.InstancesCommand;
import awslab.lab.cmd.InstancesStatus;
import awslab.lab.cmd.LabStatus;
import awslab.lab.cmd.LaunchCommand;
import awslab.lab.cmd.RebootCommand;
import awslab.lab.cmd.StartCommand;
import awslab.lab.cmd.StopCommand;
import awslab.lab.cmd.TerminateCommand;
import awslab.logging.LogBook;
import awslab.lesson.CheckpointRegistry;
import awslab.lesson.Course;
import awslab.lesson.CourseCheck;
import awslab.lesson.LessonEngine;
import awslab.lesson.checks.ConnectedCheckpoint;
import awslab.lesson.cmd.BackCommand;
import awslab.lesson.cmd.CheckCommand;
import awslab.lesson.cmd.CourseCommand;
import awslab.lesson.cmd.DemoCommand;
import awslab.lesson.cmd.HintCommand;
import awslab.lesson.cmd.LessonCommand;
import awslab.lesson.cmd.NextCommand;
import awslab.lesson.cmd.ProgressCommand;
import awslab.lesson.cmd.ResetCommand;
import awslab.lesson.cmd.SkipCommand;
import awslab.ssh.KeyLocator;
import awslab.ssh.SshBusyLoop;
import awslab.ssh.SshCommand;
import awslab.ssh.SshWorksCheckpoint;
import awslab.state.StateFiles;
import awslab.target.SandboxCloud;
import awslab.target.Target;
import awslab.target.Targets;
import awslab.ui.RefreshingCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * The composition root: the one place that knows every part. It builds each part with its
 * dependencies (constructor injection) and fills the shell's registry — the commands in their
 * help groups, the sections of {@code status}, the lesson engine as a command listener, the
 * checkpoints, instance completion — and puts the sandbox service behind the SANDBOX target
 * (found or started in the background on first use, see {@link SandboxCloud}). Features
 * never see the REPL ({@code cli}) and the REPL never names a feature: both meet here.
 *
 * <pre>
 * Wiring wiring = new Wiring(session, targets, java, Logs.start(stateDir, "awslab", debug, System.err));
 * wiring.interpreter().execute("status");
 * </pre>
 */
public final class Wiring {
    static final String LAB = "help.group.lab";
    static final String FLEET = "help.group.fleet";
    static final String LESSON = "help.group.lesson";
    /** How long the names Tab offers are used before they are asked for again. */
    static final Duration NAMES_FRESH = Duration.ofSeconds(30);
    /** Tab waits at most this for names the first time (then the cache answers at once). */
    static final Duration COMPLETION_WAIT = Duration.ofMillis(100);
    /** The sandbox's minutes last seconds: the fleet's waits look as often, on loopback, at no cost. */
    static final Duration SANDBOX_POLL = Duration.ofSeconds(1);

    private final Commands commands = new Commands();
    private final CommandRunner runner;
    private final Interpreter interpreter;
    private final LessonEngine lessons;

    /** The shell teaching the course packaged with it. */
    public Wiring(ShellSession session, Targets targets, JavaShell java, LogBook logs) {
        this(session, targets, java, logs, Optional.empty());
    }

    /** The shell teaching the course in {@code courseDir} ({@code --course}), or the packaged one. */
    public Wiring(ShellSession session, Targets targets, JavaShell java, LogBook logs, Optional<Path> courseDir) {
        Path stateDir = session.stateDir();
        SandboxCloud sandbox = new SandboxCloud(stateDir, () -> SandboxCloud.launch(targets.environment(), session.settings()),
                new SandboxNotices(session));
        targets.localCloud(() -> sandbox);
        runner = new CommandRunner(session, commands);
        interpreter = new Interpreter(session, runner, java);
        lessons = new LessonEngine(course(session, courseDir), checkpoints(session.files(), stateDir), session, Clock.systemUTC());

        FleetWiring fleet = FleetWiring.defaults()
                .withLaunchSpecs(new LabLaunchSpecs(stateDir))
                .withBusyLoop(new SshBusyLoop(session))
                .withPacer(() -> Pacer.every(session.target().kind() == Target.Kind.SANDBOX ? SANDBOX_POLL : FleetWiring.POLL_INTERVAL));
        // Tab completion from the target, cached in the background so that the prompt never waits.
        RefreshingCache<List<String>> instanceNames = new RefreshingCache<>(new InstanceCandidates(
                () -> new Instances(session.clients().ec2(), Progress.SILENT, Waiting.immediate())), List.of(), NAMES_FRESH);
        RefreshingCache<List<String>> groupNames = new RefreshingCache<>(
                () -> new TaggedResources(session.clients()).autoScalingGroups().stream()
                        .map(AutoScalingGroup::autoScalingGroupName).toList(), List.of(), NAMES_FRESH);

        commands.command(LAB, LaunchCommand.class)
                .command(LAB, InstancesCommand.class)
                .command(LAB, SshCommand.class)
                .command(LAB, StopCommand.class)
                .command(LAB, StartCommand.class)
                .command(LAB, RebootCommand.class)
                .command(LAB, TerminateCommand.class)
                .command(LAB, CleanupCommand.class).factory(CleanupCommand.class, () -> new CleanupCommand(fleet.pacer()))
                .factory(InstanceNames.class, () -> new InstanceNames(() -> instanceNames.get(COMPLETION_WAIT)))
                .factory(GroupNames.class, () -> new GroupNames(() -> groupNames.get(COMPLETION_WAIT)))
                .factory(LessonNames.class, () -> new LessonNames(lessonNames()));
        commands.command(FLEET, FleetCommand.class).factory(FleetCommand.class, () -> new FleetCommand(fleet))
                .command(FLEET, BurnCpuCommand.class).factory(BurnCpuCommand.class, () -> new BurnCpuCommand(fleet));
        commands.command(LESSON, LessonCommand.class).factory(LessonCommand.class, () -> new LessonCommand(lessons))
                .command(LESSON, NextCommand.class).factory(NextCommand.class, () -> new NextCommand(lessons))
                .command(LESSON, BackCommand.class).factory(BackCommand.class, () -> new BackCommand(lessons))
                .command(LESSON, SkipCommand.class).factory(SkipCommand.class, () -> new SkipCommand(lessons))
                .command(LESSON, CheckCommand.class).factory(CheckCommand.class, () -> new CheckCommand(lessons))
                .command(LESSON, HintCommand.class).factory(HintCommand.class, () -> new HintCommand(lessons))
                .command(LESSON, ProgressCommand.class).factory(ProgressCommand.class, () -> new ProgressCommand(lessons))
                .command(LESSON, ResetCommand.class).factory(ResetCommand.class, () -> new ResetCommand(lessons))
                .command(LESSON, DemoCommand.class)
                .factory(DemoCommand.class, () -> new DemoCommand(lessons, interpreter::runLine))
                .command(LESSON, CourseCommand.class)
                .factory(CourseCommand.class, () -> new CourseCommand(() -> new CourseCheck(lessons.registry(), runner::parses), courseDir));
        ShellCommands.register(commands, session, runner);
        commands.command(ShellCommands.HELP_GROUP, DoctorCommand.class).factory(DoctorCommand.class,
                () -> new DoctorCommand(session::target, targets, KeyLocator.defaults(stateDir), System.getenv(), Clock.systemUTC()));
        ShellCommands.registerSandbox(commands, session, sandbox);

        commands.status(ShellCommands.targetStatus(session))
                .status(ShellCommands.sandboxStatus(session, sandbox))
                .status(new LabStatus())
                .status(ShellCommands.backgroundStatus(session, logs))
                .instanceStatus(new InstancesStatus())
                .listener(lessons)
                // Any command may have created or deleted something: completion learns it behind the prompt.
                .listener((command, args, exitCode) -> {
                    // Only where Tab is pressed, and never to start a target nobody asked for yet.
                    if (session.reader().isPresent() && session.clientsReady()) {
                        instanceNames.refresh();
                        groupNames.refresh();
                    }
                });
    }

    /** Lesson numbers and ids, for completion: {@code 1}, {@code 01-premiere-instance}… */
    private Supplier<List<String>> lessonNames() {
        return () -> {
            List<String> names = new ArrayList<>();
            lessons.course().lessons().forEach(l -> names.add(String.valueOf(lessons.course().number(l))));
            lessons.course().lessons().forEach(l -> names.add(l.id()));
            return names;
        };
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public Commands commands() {
        return commands;
    }

    public LessonEngine lessons() {
        return lessons;
    }

    /**
     * The course in {@code dir}; when it cannot be read, the packaged one, after saying why (an
     * instructor's half-edited course never stops a class: {@code course check} tells the rest).
     */
    private static Course course(ShellSession session, Optional<Path> dir) {
        if (dir.isEmpty()) {
            return Course.packaged();
        }
        try {
            return Course.load(dir.get());
        } catch (UserException e) {
            session.console().error(e);
            session.console().warn("msg.course.fallback", dir.get());
            return Course.packaged();
        }
    }

    /** Every checkpoint a lesson step may name: the shell's own, part 1's, SSH's, part 2's. */
    public static CheckpointRegistry checkpoints(StateFiles files, Path stateDir) {
        List<Checkpoint> all = new ArrayList<>();
        all.add(new ConnectedCheckpoint());
        all.addAll(LabCheckpoints.all());
        all.add(new SshWorksCheckpoint(files, stateDir));
        all.addAll(FleetCheckpoints.all());
        return new CheckpointRegistry(all);
    }
}
