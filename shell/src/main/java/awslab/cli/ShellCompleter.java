package awslab.cli;

import awslab.jshell.JavaShell;
import awslab.jshell.MetaCommands;
import java.util.List;
import java.util.Map;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion: command names (with their summaries), their subcommands, options, option
 * values and parameters (enums and {@code completionCandidates}: instance ids and names, group
 * names, lessons — answered at once from caches filled in the background), the Java meta
 * commands, and Java itself from JShell's suggestions ({@code ec2.describeIn} → {@code ec2.describeInstances(}).
 */
final class ShellCompleter implements Completer {
    private final ShellSession session;
    private final CommandRunner runner;
    private final JavaShell java;

    ShellCompleter(ShellSession session, CommandRunner runner, JavaShell java) {
        this.session = session;
        this.runner = runner;
        this.java = java;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            completeSafely(line, candidates);
        } catch (RuntimeException e) {
            // Completion must never break the line editor; no suggestion is the safe answer.
        }
    }

    private void completeSafely(ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        if (line.wordIndex() == 0) {
            if (line.word().startsWith("/")) {
                MetaCommands.NAMES.forEach(n -> candidates.add(new Candidate(n)));
                return;
            }
            for (Map.Entry<String, Class<?>> entry : runner.commands().byName().entrySet()) {
                String summary = session.messages().get("help." + Commands.name(entry.getValue()) + ".summary");
                candidates.add(new Candidate(entry.getKey(), entry.getKey(), null, summary, null, null, true));
            }
            if (!line.word().isEmpty()) {
                completeJava(line, candidates);
            }
            return;
        }
        Class<?> type = runner.commands().byName().get(words.get(0));
        if (type != null && session.reader().isPresent()) {
            completeCommand(runner.commandLine(type), words.subList(1, line.wordIndex()), line.word(), candidates);
        } else {
            completeJava(line, candidates);
        }
    }

    private void completeCommand(CommandLine commandLine, List<String> before, String word, List<Candidate> candidates) {
        CommandLine current = commandLine;
        int positional = 0;
        boolean optionValue = false;
        for (String previous : before) {
            CommandLine sub = current.getSubcommands().get(previous);
            if (sub != null && positional == 0) {
                current = sub;
                continue;
            }
            OptionSpec option = current.getCommandSpec().findOption(previous);
            if (optionValue) {
                optionValue = false;
            } else if (option != null) {
                optionValue = option.arity().max() > 0;
            } else if ("--".equals(previous)) {
                return; // what follows is a command for the instance: nothing to offer
            } else {
                positional++;
            }
        }
        CommandSpec spec = current.getCommandSpec();
        if (optionValue) {
            OptionSpec option = spec.findOption(before.get(before.size() - 1));
            add(option.completionCandidates(), candidates);
            return;
        }
        if (!word.startsWith("-")) {
            if (positional == 0) {
                spec.subcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
            }
            Iterable<String> values = positionalCandidates(spec, positional);
            if (values != null) {
                add(values, candidates);
                return;
            }
        }
        if (word.startsWith("-") || spec.subcommands().isEmpty()) {
            for (OptionSpec option : spec.options()) {
                String description = option.descriptionKey() == null || option.descriptionKey().isEmpty()
                        ? null : session.messages().get(option.descriptionKey());
                for (String name : option.names()) {
                    candidates.add(new Candidate(name, name, null, description, null, null, option.arity().max() == 0));
                }
            }
        }
    }

    /** The candidates of the {@code index}-th positional parameter (an instance, a lesson…), if it has any. */
    private static Iterable<String> positionalCandidates(CommandSpec spec, int index) {
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (parameter.index().contains(index)) {
                return parameter.completionCandidates();
            }
        }
        return null;
    }

    private static void add(Iterable<String> values, List<Candidate> candidates) {
        if (values != null) {
            values.forEach(v -> candidates.add(new Candidate(v)));
        }
    }

    private void completeJava(ParsedLine line, List<Candidate> candidates) {
        String buffer = line.line();
        int cursor = line.cursor();
        int wordStart = cursor - line.wordCursor();
        int[] anchor = new int[1];
        List<Suggestion> suggestions = java.complete(buffer, cursor, anchor);
        if (anchor[0] < wordStart) {
            return;
        }
        String prefix = buffer.substring(wordStart, anchor[0]);
        for (Suggestion suggestion : suggestions) {
            String continuation = suggestion.continuation();
            candidates.add(new Candidate(prefix + continuation, continuation, null, null, null, null, false));
        }
    }
}
