package awslab.cli;

import awslab.api.StatusSection;
import awslab.logging.LogBook;

/**
 * The shell's own commands ({@code connect}, {@code status}, {@code explain}, {@code lang},
 * {@code help}, {@code exit}) and its first status section (target, region, account), for the
 * composition root to register like any feature's.
 *
 * <pre>
 * ShellCommands.register(commands, session, runner);
 * commands.status(ShellCommands.targetStatus(session)).status(ShellCommands.backgroundStatus(session, logs));
 * </pre>
 */
public final class ShellCommands {
    public static final String HELP_GROUP = "help.group.shell";

    private ShellCommands() {}

    public static void register(Commands commands, ShellSession session, CommandRunner runner) {
        commands.command(HELP_GROUP, ConnectCommand.class).factory(ConnectCommand.class, () -> new ConnectCommand(session))
                .command(HELP_GROUP, StatusCommand.class).factory(StatusCommand.class, () -> new StatusCommand(session, commands))
                .command(HELP_GROUP, ExplainCommand.class).factory(ExplainCommand.class, () -> new ExplainCommand(session))
                .command(HELP_GROUP, LangCommand.class).factory(LangCommand.class, () -> new LangCommand(session))
                .command(HELP_GROUP, HelpCommand.class).factory(HelpCommand.class, () -> new HelpCommand(session, runner))
                .command(HELP_GROUP, ExitCommand.class).factory(ExitCommand.class, () -> new ExitCommand(session));
    }

    /** What failed in the background since the start, and where to read why (nothing when all went well). */
    public static StatusSection backgroundStatus(ShellSession session, LogBook logs) {
        return new BackgroundStatus(session, logs);
    }

    /** The sandbox command, over the shell's client side of the sandbox. */
    public static void registerSandbox(Commands commands, ShellSession session, awslab.target.SandboxCloud sandbox) {
        commands.command(HELP_GROUP, SandboxCommand.class).factory(SandboxCommand.class, () -> new SandboxCommand(session, sandbox));
    }

    /** On the SANDBOX target: where the sandbox runs, until when, and how the AWS CLI and boto3 reach it. */
    public static StatusSection sandboxStatus(ShellSession session, awslab.target.SandboxCloud sandbox) {
        return new SandboxStatusSection(session, sandbox);
    }

    /** The target, its region and the account the credentials belong to, or what is missing to connect. */
    public static StatusSection targetStatus(ShellSession session) {
        return new TargetStatus(session);
    }
}
