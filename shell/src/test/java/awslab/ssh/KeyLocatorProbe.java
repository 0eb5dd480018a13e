package awslab.ssh;

import awslab.api.UserException;
import awslab.i18n.Language;
import awslab.i18n.Messages;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Looks for the lab's key as {@code ssh} does, in a JVM of its own (so that the test chooses its
 * locale): {@code KeyLocatorProbe WORKDIR HOME STATEDIR}; prints the key found, or the message.
 */
public final class KeyLocatorProbe {
    private KeyLocatorProbe() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            out.println("found " + new KeyLocator(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])).locate(null, "vockey"));
        } catch (UserException e) {
            out.println(Messages.load(Language.FR).get(e.key(), e.args()));
        }
    }
}
