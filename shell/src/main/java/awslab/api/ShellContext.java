package awslab.api;

import awslab.i18n.Messages;
import awslab.state.StateFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * What a command sees of the running shell. Commands parse, call a lab operation with what
 * this gives them, and render; they hold no AWS logic.
 */
public interface ShellContext {

    /** The texts in the user's current language. */
    Messages messages();

    /** Where commands print (the terminal, or a buffer in tests). */
    PrintWriter out();

    /**
     * The SDK clients of the active target. Throws a {@link awslab.api.UserException} that says how
     * to connect when there are no usable credentials.
     */
    AwsClients clients();

    /** How to reach instances and load balancers on the active target. */
    Reachability reachability();

    /** The user's state directory (progress, settings, history, keys, known hosts). */
    Path stateDir();

    /** The one state store: how every file under {@link #stateDir()} is read and written. */
    StateFiles files();

    /** A progress reporter that shows steps (and, when asked, the equivalent CLI/SDK calls). */
    Progress progress();

    /**
     * Asks a yes/no question ({@code key} from the bundles). Non-interactive runs answer no,
     * unless the command was given {@code --yes}.
     */
    boolean confirm(String key, Object... args);

    /** The interactive terminal (for {@code ssh}'s PTY bridge), empty in scripts and one-shot runs. */
    Optional<Terminal> terminal();

    /**
     * The terminal's width in columns, for tables that must fit it; 0 when the output is no
     * terminal (a pipe, a file, a test), where nothing is cut.
     */
    default int width() {
        return 0;
    }

    /**
     * Runs {@code action} for a demo nobody may attend: with {@code answerYes} every confirmation
     * is answered yes, and says so; the equivalent CLI/SDK calls are shown only if {@code explain},
     * whatever the user's own setting, which stays as it was. A context without a terminal (tests)
     * just runs it.
     */
    default <T> T unattended(boolean answerYes, boolean explain, Supplier<T> action) {
        return action.get();
    }
}
