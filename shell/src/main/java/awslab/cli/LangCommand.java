package awslab.cli;

import awslab.api.BaseCommand;
import awslab.api.UserException;
import awslab.i18n.Language;
import awslab.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lang fr|en} switches the shell's language at once and remembers the choice;
 * {@code lang} alone says which one is active.
 *
 * <pre>
 * lang fr
 * </pre>
 */
@Command(name = "lang")
final class LangCommand extends BaseCommand {
    private final ShellSession session;

    LangCommand(ShellSession session) {
        this.session = session;
    }

    @Parameters(arity = "0..1", paramLabel = "fr|en", descriptionKey = "help.lang.param.language")
    String language;

    @Override
    protected int doCall() {
        if (language == null) {
            session.console().info("msg.lang.current", ctx().messages().language().code());
            return 0;
        }
        Language chosen = Language.parse(language).orElseThrow(() -> new UserException("err.lang.unknown", language));
        session.language(chosen);
        session.settings().set(Settings.LANGUAGE, chosen.code());
        session.console().success("msg.lang.switched");
        return 0;
    }
}
