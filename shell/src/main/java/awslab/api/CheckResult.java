package awslab.api;

import java.util.List;

/**
 * What a checkpoint found, as an i18n key and its arguments. The message says what was
 * expected, what was found and what to do next.
 */
public record CheckResult(Outcome outcome, String messageKey, List<Object> args) {

    public enum Outcome {
        PASSED,
        FAILED,
        /** The active target cannot show it (e.g. a web service on an emulator): said at once, not after a timeout. */
        CANNOT_CHECK
    }

    public CheckResult {
        args = List.copyOf(args);
    }

    public static CheckResult passed(String messageKey, Object... args) {
        return new CheckResult(Outcome.PASSED, messageKey, List.of(args));
    }

    public static CheckResult failed(String messageKey, Object... args) {
        return new CheckResult(Outcome.FAILED, messageKey, List.of(args));
    }

    public static CheckResult cannotCheck(String messageKey, Object... args) {
        return new CheckResult(Outcome.CANNOT_CHECK, messageKey, List.of(args));
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
