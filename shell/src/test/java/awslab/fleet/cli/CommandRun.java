package awslab.fleet.cli;

import awslab.api.UserException;
import awslab.api.BaseCommand;
import awslab.testing.TestShellContext;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs a command with picocli on a test shell context, as {@link TestShellContext#run} does, and
 * keeps the {@link UserException} it threw (the shell would print it translated).
 */
record CommandRun(int exitCode, Optional<UserException> error, String output) {

    static CommandRun run(TestShellContext ctx, BaseCommand command, String... args) {
        command.context(ctx);
        UserException[] thrown = new UserException[1];
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof UserException user) {
                thrown[0] = user;
                return 2;
            }
            throw new AssertionError("the command failed with an unexpected exception", e);
        });
        int code = commandLine.execute(args);
        return new CommandRun(code, Optional.ofNullable(thrown[0]), ctx.output());
    }

    String errorKey() {
        return error.map(UserException::key).orElse("");
    }
}
