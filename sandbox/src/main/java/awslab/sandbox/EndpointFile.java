package awslab.sandbox;

import awslab.state.Damage;
import awslab.state.Format;
import awslab.state.StateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code stateDir/sandbox/endpoint.json}: where the sandbox serving this state directory
 * listens, and its process id, written once it answers and removed when it stops. A file whose
 * process is gone (the sandbox was killed) is stale: clients check the process and ask the
 * endpoint who it is before they trust it. The lock ({@code sandbox.lock}, held by the live
 * sandbox) decides who runs; this file only says where.
 *
 * <pre>
 * EndpointFile.write(home, new EndpointFile.Entry(pid, "http://127.0.0.1:4599", stateDir, build));
 * Optional&lt;EndpointFile.Entry&gt; entry = EndpointFile.read(home);
 * </pre>
 */
final class EndpointFile {
    private static final Format<Entry> FORMAT = Format.json("sandboxEndpoint", Entry.class, () -> null);
    static final String NAME = "endpoint.json";

    /** One sandbox: its process, endpoint, state directory and build. */
    record Entry(long pid, String endpoint, String stateDir, String build) {}

    private EndpointFile() {}

    static Path file(Path home) {
        return home.resolve(NAME);
    }

    static void write(Path home, Entry entry) {
        StateFiles.write(file(home), FORMAT.render(entry), StateFiles.Access.OWNER_ONLY);
    }

    /** The entry, if the file is there and whole (a damaged one is set aside, silently: it is rewritten at the next start). */
    static Optional<Entry> read(Path home) {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(new StateFiles((Damage damage) -> { }).read(file, FORMAT));
    }

    /** Removes the file if it still names this process (a newer sandbox may have replaced it). */
    static void remove(Path home, long pid) {
        read(home).filter(entry -> entry.pid() == pid).ifPresent(entry -> {
            try {
                Files.deleteIfExists(file(home));
            } catch (java.io.IOException e) {
                // a stale file is harmless: its process is gone
            }
        });
    }
}
