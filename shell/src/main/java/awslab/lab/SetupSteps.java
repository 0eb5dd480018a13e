package awslab.lab;

import awslab.api.Progress;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells the student where an instance's first-boot setup is while the shell waits for its web
 * service — installing Java, fetching libraries, compiling, started — as the console shows it
 * ({@link SetupConsole}): a line when the step changes (not at every poll), and when the web
 * service did not answer in time, what the setup reached, the setup log's last lines if it
 * failed, and what to do.
 *
 * <pre>
 * SetupSteps steps = new SetupSteps(progress);
 * steps.show("i-0abc", console.read("i-0abc"));            // "i-0abc: installing Java (12 s into its setup)"
 * steps.noAnswer("i-0abc", "web", console.read("i-0abc"));  // after the wait ran out
 * </pre>
 */
public final class SetupSteps {
    /** The setup log's lines shown after a failure: enough to see the error, few enough to read. */
    static final int LOG_LINES = 12;

    private final Progress progress;
    private final Map<String, String> said = new HashMap<>();

    public SetupSteps(Progress progress) {
        this.progress = progress;
    }

    /** Says where the setup of {@code instanceId} is, when that changed since it was last said. */
    public void show(String instanceId, SetupProgress setup) {
        String now = setup.failure().map(f -> "failed").orElse(setup.phase().map(SetupProgress.Phase::id).orElse("-"))
                + "/" + setup.attempt();
        if (now.equals(said.put(instanceId, now))) {
            return;
        }
        if (setup.failed()) {
            failed(instanceId, setup);
        } else if (setup.phase().isEmpty()) {
            progress.step("msg.lab.setup.none", instanceId);
        } else if (setup.attempt() > 1) {
            progress.step("msg.lab.setup.retrying", instanceId, setup.attempt());
        } else {
            progress.step("msg.lab.setup.at." + setup.phase().get().id(), instanceId, setup.seconds().orElse(0));
        }
    }

    /** The web service did not answer in time: what the setup reached, and what to do. */
    public void noAnswer(String instanceId, String name, SetupProgress setup) {
        if (setup.failed()) {
            if (!said.getOrDefault(instanceId, "").startsWith("failed")) {
                failed(instanceId, setup);
            }
            progress.step("msg.lab.setup.failed.todo", name);
        } else if (setup.phase().isPresent() && !setup.started()) {
            progress.step("msg.lab.setup.unfinished." + setup.phase().get().id(), instanceId, setup.seconds().orElse(0), name);
        } else if (setup.phase().isEmpty()) {
            progress.step("msg.lab.setup.silent", instanceId, name);
        }
    }

    /** Where the setup is now, for {@code status INSTANCE}: its step, or its failure with the log and what to do. */
    public void describe(String instanceId, String name, SetupProgress setup) {
        if (setup.failed()) {
            failed(instanceId, setup);
            progress.step("msg.lab.setup.failed.todo", name);
        } else if (setup.phase().isPresent()) {
            progress.step("msg.lab.setup.at." + setup.phase().get().id(), instanceId, setup.seconds().orElse(0));
        } else {
            progress.step("msg.lab.status.setup.none", instanceId);
        }
    }

    private void failed(String instanceId, SetupProgress setup) {
        SetupProgress.Failure failure = setup.failure().orElseThrow();
        progress.step("msg.lab.setup.failed", instanceId, failure.during().ordinal(), SetupProgress.Phase.STARTED.ordinal(),
                failure.exitStatus(), failure.reason().isBlank() ? "-" : failure.reason());
        for (String line : setup.lastLogLines(LOG_LINES)) {
            progress.step("msg.lab.setup.log", line);
        }
    }
}
