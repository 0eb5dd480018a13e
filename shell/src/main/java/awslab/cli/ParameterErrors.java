package awslab.cli;

import awslab.api.UserException;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's parse errors as translated messages: picocli's own English texts are never shown.
 *
 * <pre>
 * catch (ParameterException e) { console.error(ParameterErrors.explain(e)); }
 * </pre>
 */
public final class ParameterErrors {
    private ParameterErrors() {}

    public static UserException explain(ParameterException e) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        Optional<InvalidPathException> path = cause(e, InvalidPathException.class);
        if (path.isPresent()) {
            return new UserException(e, "err.path.encoding", path.get().getInput());
        }
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> words = unmatched.getUnmatched();
            String first = words.isEmpty() ? "" : words.get(0);
            List<String> suggestions = unmatched.getSuggestions();
            if (first.startsWith("-")) {
                return suggestions.isEmpty()
                        ? new UserException("err.option.unknown", first, command)
                        : new UserException("err.option.unknown.suggest", first, command, suggestions.get(0));
            }
            return new UserException("err.args.extra", String.join(" ", words), command);
        }
        if (e instanceof MissingParameterException missing) {
            String names = missing.getMissing().stream().map(ParameterErrors::name).collect(Collectors.joining(", "));
            return new UserException("err.args.missing", names, command);
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return new UserException("err.option.repeated", name(overwritten.getOverwritten()), command);
        }
        if (e instanceof MutuallyExclusiveArgsException) {
            return new UserException("err.args.exclusive", command);
        }
        if (e instanceof MaxValuesExceededException) {
            return new UserException("err.args.toomany", command);
        }
        if (e.getArgSpec() != null) {
            String value = e.getValue() == null ? "" : e.getValue();
            return new UserException("err.option.value", value, name(e.getArgSpec()), command);
        }
        return new UserException("err.args.invalid", command);
    }

    /** The first cause of {@code e} (itself included) of type {@code type}. */
    static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return option.longestName();
        }
        return arg.paramLabel();
    }
}
