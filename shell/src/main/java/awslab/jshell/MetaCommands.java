package awslab.jshell;

import awslab.api.UserException;
import awslab.ui.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Snippet;

/**
 * The few JShell-style commands for the Java side: {@code /vars}, {@code /imports},
 * {@code /list}, {@code /save FILE}.
 *
 * <pre>
 * new MetaCommands(java, console, workingDir).run("/save session.jsh");
 * </pre>
 */
public final class MetaCommands {
    public static final List<String> NAMES = List.of("/vars", "/imports", "/list", "/save");

    private final JavaShell java;
    private final Console console;
    private final Path workingDir;

    public MetaCommands(JavaShell java, Console console, Path workingDir) {
        this.java = java;
        this.console = console;
        this.workingDir = workingDir;
    }

    /** Runs one meta command line, e.g. {@code /save out.jsh}; throws UserException when unknown. */
    public void run(String line) {
        String[] words = line.strip().split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "/vars" -> vars();
            case "/imports" -> imports();
            case "/list" -> list();
            case "/save" -> save(argument);
            default -> throw new UserException("err.meta.unknown", words[0], String.join(" ", NAMES));
        }
    }

    private void vars() {
        java.beginInput();
        java.callStoppable(jshell -> jshell.variables().filter(v -> jshell.status(v).isActive())
                .map(v -> "|    " + v.typeName() + " " + v.name() + " = " + jshell.varValue(v)).toList())
                .forEach(console::println);
    }

    private void imports() {
        java.importAll();
        // The startup's imports are one snippet: one line each, as the user would have typed them.
        java.call(jshell -> jshell.imports().flatMap(i -> Arrays.stream(i.source().split("(?<=;)")))
                .map(String::strip).filter(line -> !line.isEmpty()).map(line -> "|    " + line).toList())
                .forEach(console::println);
        console.dim(console.text("msg.imports.note"));
    }

    private void list() {
        for (Snippet snippet : java.userSnippets()) {
            String source = snippet.source().strip().lines().collect(Collectors.joining("\n       "));
            console.println(String.format("%5s : %s", snippet.id(), source));
        }
    }

    private void save(String file) {
        if (file.isEmpty()) {
            throw new UserException("err.meta.save.file");
        }
        Path target = workingDir.resolve(file);
        String text = java.userSnippets().stream()
                .map(s -> s.source().strip())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(target, text);
        } catch (IOException e) {
            throw new UserException(e, "err.meta.save.failed", target, e.getMessage());
        }
        console.info("msg.meta.saved", java.userSnippets().size(), target);
    }
}
