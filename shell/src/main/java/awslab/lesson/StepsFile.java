package awslab.lesson;

import awslab.api.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a lesson's {@code steps} file: a tiny line-based format, one block per step, in order.
 * {@code #} starts a comment line; {@code run} is a shell command, {@code java} a JShell
 * snippet, and a step with neither is read-only; {@code check} names its checkpoint.
 *
 * <pre>
 * step launch
 *   run launch
 *   check instance-running
 *
 * step sdk-describe
 *   java ec2.describeInstances().reservations().size()
 *   check instance-running
 * </pre>
 */
final class StepsFile {
    private StepsFile() {}

    static List<Step> parse(String source, String text) {
        List<Step> steps = new ArrayList<>();
        Builder current = null;
        int number = 0;
        for (String raw : text.split("\r?\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            if (key.equals("step")) {
                if (current != null) {
                    steps.add(current.build());
                }
                if (!value.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    throw new UserException("err.course.steps.id", source, number, value);
                }
                current = new Builder(value);
            } else if (current == null) {
                throw new UserException("err.course.steps.first", source, number);
            } else {
                current.set(source, number, key, value);
            }
        }
        if (current != null) {
            steps.add(current.build());
        }
        return steps;
    }

    private static final class Builder {
        private final String id;
        private Step.Kind kind = Step.Kind.READ;
        private String line = "";
        private String checkpoint;

        Builder(String id) {
            this.id = id;
        }

        void set(String source, int number, String key, String value) {
            if (value.isEmpty()) {
                throw new UserException("err.course.steps.noValue", source, number, key);
            }
            switch (key) {
                case "run", "java" -> {
                    if (kind != Step.Kind.READ) {
                        throw new UserException("err.course.steps.twoCommands", source, number, id);
                    }
                    kind = key.equals("run") ? Step.Kind.COMMAND : Step.Kind.JAVA;
                    line = value;
                }
                case "check" -> checkpoint = value;
                default -> throw new UserException("err.course.steps.key", source, number, key);
            }
        }

        Step build() {
            return new Step(id, kind, line, Optional.ofNullable(checkpoint));
        }
    }
}
