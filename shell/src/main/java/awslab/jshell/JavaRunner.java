package awslab.jshell;

import awslab.api.UserException;
import awslab.target.AwsErrors;
import awslab.ui.Console;
import java.util.List;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs the user's Java and shows the outcome the way jshell does ({@code x ==> 5},
 * {@code |  created method …}) with every message from the i18n bundles: compile errors with
 * javac's diagnostic, exceptions as one line (an AWS error explained), never a stack trace.
 *
 * <pre>
 * boolean ok = new JavaRunner(javaShell, console).run("int x = 6 * 7;");
 * </pre>
 */
public final class JavaRunner {
    private final JavaShell java;
    private final Console console;
    private final TrimmedSdk trimmed;

    public JavaRunner(JavaShell java, Console console) {
        this(java, console, TrimmedSdk.ofJar());
    }

    /** With the list of SDK operations the jar lacks (tests give their own). */
    JavaRunner(JavaShell java, Console console, TrimmedSdk trimmed) {
        this.java = java;
        this.console = console;
        this.trimmed = trimmed;
    }

    /** Evaluates every snippet of {@code source}; false when one failed to compile or threw. */
    public boolean run(String source) {
        JavaLimits.check(source);
        java.beginInput();
        boolean ok = true;
        for (String snippet : java.snippets(source)) {
            JavaShell.Evaluation evaluation = java.eval(snippet);
            String unguarded = java.takeUnguardedNotice();
            if (unguarded != null) {
                console.warn("msg.java.unguarded", Runtime.version().feature());
            }
            switch (evaluation.outcome()) {
                case STOPPED -> {
                    console.warn("msg.java.stopped");
                    return false;
                }
                case ABANDONED -> {
                    console.warn("msg.java.abandoned");
                    return false;
                }
                default -> ok &= show(evaluation.events());
            }
        }
        return ok;
    }

    private boolean show(List<SnippetEvent> events) {
        boolean ok = true;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update of an earlier snippet, as jshell stays quiet about in normal mode
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                showDiagnostics(snippet);
                ok = false;
            } else if (event.exception() != null) {
                ok &= showException(event.exception());
            } else {
                showValue(event);
            }
        }
        return ok;
    }

    private void showDiagnostics(Snippet snippet) {
        List<Diag> diagnostics = java.call(jshell -> jshell.diagnostics(snippet).filter(Diag::isError).toList());
        if (diagnostics.isEmpty()) {
            console.error("err.java.rejected");
            return;
        }
        // An SDK operation the jar does not carry: one line saying so, not "cannot find symbol".
        for (Diag diag : diagnostics) {
            java.util.Optional<TrimmedSdk.Operation> missing = trimmed.missing(diag);
            if (missing.isPresent()) {
                console.error("err.java.trimmed", missing.get().name(), missing.get().service(), missing.get().cli());
                return;
            }
        }
        for (Diag diag : diagnostics) {
            console.error("err.java.compile", diag.getMessage(console.messages().language().locale()));
            String source = snippet.source();
            int position = (int) Math.max(0, Math.min(diag.getPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
            int lineEnd = source.indexOf('\n', position);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            console.dim("    " + line);
            console.dim("    " + " ".repeat(Math.max(0, position - lineStart)) + "^");
        }
    }

    /** Shows what a snippet threw; true only for a System.exit, which is not a failure. */
    private boolean showException(JShellException exception) {
        Throwable thrown = java.takeLastThrown();
        if (thrown instanceof ExitTrap.SnippetExit exit) {
            console.warn("msg.java.exit.ignored", exit.status());
            return true;
        }
        explainFailure(exception, thrown);
        return false;
    }

    private void explainFailure(JShellException exception, Throwable thrown) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            console.error("err.java.unresolved", unresolved.getSnippet().toString());
            return;
        }
        if (thrown != null) {
            RuntimeException explained = AwsErrors.explainAny(thrown);
            if (explained instanceof UserException user) {
                console.error(user);
                return;
            }
            if (thrown instanceof NullPointerException && isNullClient(thrown.getMessage()) && java.bindings().clients() == null) {
                console.error("err.java.noclients");
                return;
            }
        }
        if (exception instanceof EvalException eval) {
            String className = eval.getExceptionClassName();
            if (className.endsWith("StoppedException") || "java.lang.ThreadDeath".equals(className)) {
                console.warn("msg.java.stopped");
                return;
            }
            String message = eval.getMessage();
            console.error(message == null ? "err.java.exception.bare" : "err.java.exception", className, message);
            return;
        }
        console.error("err.java.exception.bare", exception.getClass().getName(), "");
    }

    /** Java's helpful NPE message names the call: was it a call on one of the (null) SDK clients? */
    private static boolean isNullClient(String message) {
        return message != null && message.contains("software.amazon.awssdk.services.") && message.contains("Client.");
    }

    private void showValue(SnippetEvent event) {
        Snippet snippet = event.snippet();
        boolean replaced = event.previousStatus() != Snippet.Status.NONEXISTENT;
        if (snippet instanceof VarSnippet variable) {
            console.println(variable.name() + " ==> " + (event.value() == null ? "null" : event.value()));
        } else if (snippet instanceof ExpressionSnippet expression) {
            if (!"void".equals(expression.typeName()) && event.value() != null) {
                console.println(expression.name() + " ==> " + event.value());
            }
        } else if (snippet instanceof MethodSnippet method) {
            console.info(replaced ? "msg.java.method.replaced" : "msg.java.method.created",
                    method.name() + "(" + method.parameterTypes() + ")");
        } else if (snippet instanceof TypeDeclSnippet type) {
            console.info(replaced ? "msg.java.type.replaced" : "msg.java.type.created", type.name());
        }
    }
}
