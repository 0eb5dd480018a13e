package awslab.lesson;

import awslab.api.Checkpoint;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small course and checkpoints over a fake "world" (a map), for the engine, command and demo
 * tests: they test the engine, not AWS. The real checkpoints are tested against Moto.
 */
public final class TestCourse {
    public final Map<String, String> world = new HashMap<>();

    static final Map<String, String> FILES = Map.of(
            "course.properties", "format_version=1\nlessons=00-intro, 01-vm\n",
            "00-intro/steps", "step hello\n  run connect\n  check connected\n",
            "00-intro/fr.md", "# Intro\n## intro\nBonjour.\n## hello: Bonjour\nTapez `connect`.\n",
            "00-intro/en.md", "# Intro\n## intro\nHello.\n## hello: Hello\nType `connect`.\n",
            "01-vm/steps", "step launch\n  run launch\n  check vm-up\n\nstep look\n  java ec2.describeInstances()\n  check vm-up\n\n"
                    + "step web\n  run status\n  check web-answers\n\nstep read\n\nstep fleet\n  run fleet create\n  check fleet-up\n",
            "01-vm/fr.md", "# Ma VM\n## intro\nOn commence.\n## launch: Lancer la VM\nTapez `launch`.\n## launch.hint\nLisez le message.\n"
                    + "## look: Regarder\n`ec2.describeInstances()`\n## web: Le web\n`status`\n## read: Lire\n> 🧙‍♂️ Lisez.\n"
                    + "## fleet: La flotte\n`fleet create`\n## outro\nBravo.\n",
            "01-vm/en.md", "# My VM\n## intro\nLet us start.\n## launch: Launch the VM\nType `launch`.\n## launch.hint\nRead the message.\n"
                    + "## look: Look\n`ec2.describeInstances()`\n## web: The web\n`status`\n## read: Read\n> 🧙‍♂️ Read.\n"
                    + "## fleet: The fleet\n`fleet create`\n## outro\nWell done.\n");

    public static Course course() {
        return Course.load(path -> Optional.ofNullable(FILES.get(path)), "test-course/");
    }

    public CheckpointRegistry registry() {
        return new CheckpointRegistry(List.of(
                worldCheck("connected", "connected"),
                worldCheck("vm-up", "vm"),
                new Checkpoint() {
                    @Override
                    public String id() {
                        return "web-answers";
                    }

                    @Override
                    public CheckResult verify(CheckContext context) {
                        return CheckResult.cannotCheck("err.lesson.atStart");
                    }
                },
                worldCheck("fleet-up", "fleet")));
    }

    /** Passes when the world has {@code key}; records it as a fact, as real checkpoints record resource ids. */
    private Checkpoint worldCheck(String id, String key) {
        return new Checkpoint() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public CheckResult verify(CheckContext context) {
                String value = world.get(key);
                if (value == null) {
                    return CheckResult.failed("err.lesson.nothingToCheck", id);
                }
                context.facts().put(key + ".id", value);
                return CheckResult.passed("msg.lesson.reset.done", value);
            }
        };
    }
}
