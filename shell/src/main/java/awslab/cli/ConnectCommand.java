package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.UserException;
import awslab.learnerlab.LearnerLab;
import awslab.settings.Settings;
import awslab.target.ConnectCredentials;
import awslab.target.Identity;
import awslab.target.Target;
import awslab.target.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connect}: paste Learner Lab's "AWS CLI" credentials block (never echoed, never kept
 * in history), or choose an existing profile; the account and region are verified with STS
 * and shown, and the choice is remembered. On an emulator target the endpoint is kept, so
 * tests and rehearsals never reach AWS.
 *
 * <pre>
 * connect
 * connect --profile default --region us-west-2
 * connect --from lab-credentials.txt
 * </pre>
 */
@Command(name = "connect")
final class ConnectCommand extends BaseCommand {
    private final ShellSession session;

    ConnectCommand(ShellSession session) {
        this.session = session;
    }

    /** A pasted block has three lines and a header; more means something else was pasted. */
    static final int MAX_LINES = 12;

    @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "help.connect.option.profile")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", descriptionKey = "help.connect.option.region")
    String region;

    @Option(names = "--from", paramLabel = "FILE", descriptionKey = "help.connect.option.from")
    Path from;

    @Override
    protected int doCall() {
        Target previous = session.target();
        String chosenRegion = region != null ? region.trim().toLowerCase(Locale.ROOT) : previous.region();
        String chosenProfile = profile;
        if (chosenProfile == null) {
            ConnectCredentials credentials = ConnectCredentials.parse(readBlock());
            credentials.save(session.targets().connectCredentialsFile());
            session.console().info("msg.connect.saved", credentials.maskedKeyId());
            chosenProfile = Targets.CONNECT_PROFILE;
        }
        Target next = previous.kind() == Target.Kind.ENDPOINT
                ? new Target(Target.Kind.ENDPOINT, chosenRegion, Optional.of(chosenProfile), previous.endpoint())
                : Target.aws(chosenProfile, chosenRegion);
        session.targets().missing(next).ifPresent(e -> {
            throw e;
        });
        session.switchTarget(next);
        Identity identity;
        try {
            identity = Identity.of(session.clients().sts());
        } catch (RuntimeException e) {
            session.switchTarget(previous);
            throw e;
        }
        session.settings().set(Settings.PROFILE, chosenProfile);
        session.settings().set(Settings.REGION, chosenRegion);
        session.console().success("msg.connect.done", identity.account(), chosenRegion, identity.arn());
        if (next.kind() == Target.Kind.AWS && !LearnerLab.isAllowedRegion(chosenRegion)) {
            session.console().warn("msg.connect.region.note", chosenRegion, String.join(", ", LearnerLab.REGIONS));
        }
        return 0;
    }

    private String readBlock() {
        if (from != null) {
            try {
                return Files.readString(from, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserException(e, "err.connect.from.unreadable", from);
            }
        }
        LineReader main = session.reader().orElseThrow(() -> new UserException("err.connect.noninteractive"));
        // A reader of its own: no history, so the secrets never reach the history file.
        LineReader secret = LineReaderBuilder.builder().terminal(main.getTerminal())
                .variable(LineReader.DISABLE_HISTORY, true)
                .build();
        // No echo from before the question shows: a block pasted at once is never displayed, even
        // the part the terminal receives before the line editor takes over.
        Terminal terminal = main.getTerminal();
        Attributes saved = terminal.getAttributes();
        Attributes silent = new Attributes(saved);
        silent.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        terminal.setAttributes(silent);
        try {
            session.console().info("msg.connect.paste");
            StringBuilder block = new StringBuilder();
            for (int i = 0; i < MAX_LINES; i++) {
                String line = secret.readLine("", '\0');
                if (line.isBlank() && block.length() > 0) {
                    break;
                }
                block.append(line).append('\n');
                String lower = block.toString().toLowerCase(Locale.ROOT);
                if (lower.contains("aws_access_key_id") && lower.contains("aws_secret_access_key")
                        && lower.contains("aws_session_token")) {
                    break;
                }
            }
            return block.toString();
        } finally {
            terminal.setAttributes(saved);
        }
    }
}
