package awslab.ui;

import awslab.api.Progress;
import java.util.function.BooleanSupplier;

/**
 * Shows what operations report: each step as a line, and the equivalent AWS CLI command and
 * Java SDK call when the user asked for explanations ({@code explain on} or {@code --explain}).
 *
 * <pre>
 * Progress progress = new ConsoleProgress(console, () -> settings.explain());
 * </pre>
 */
public final class ConsoleProgress implements Progress {
    private final Console console;
    private final BooleanSupplier explain;

    public ConsoleProgress(Console console, BooleanSupplier explain) {
        this.console = console;
        this.explain = explain;
    }

    @Override
    public void step(String key, Object... args) {
        console.println("  • " + console.text(key, args));
    }

    @Override
    public void apiCall(String awsCli, String javaSdk) {
        if (explain.getAsBoolean()) {
            console.dim("    " + console.text("msg.explain.cli", awsCli));
            console.dim("    " + console.text("msg.explain.sdk", javaSdk));
        }
    }
}
