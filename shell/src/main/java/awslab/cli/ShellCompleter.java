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

/**
 * Tab completion: command names (with their summaries), their subcommands, options and option
 * values (enums and {@code completionCandidates}), the Java meta commands, and Java itself from
 * JShell's suggestions ({@code ec2.describeIn} → {@code ec2.describeInstances(}).
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
        for (String previous : before) {
            CommandLine sub = current.getSubcommands().get(previous);
            if (sub != null) {
                current = sub;
            }
        }
        CommandSpec spec = current.getCommandSpec();
        if (!before.isEmpty()) {
            OptionSpec option = spec.findOption(before.get(before.size() - 1));
            if (option != null && option.arity().max() > 0) {
                Iterable<String> values = option.completionCandidates();
                if (values != null) {
                    values.forEach(v -> candidates.add(new Candidate(v)));
                }
                return;
            }
        }
        spec.subcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
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
