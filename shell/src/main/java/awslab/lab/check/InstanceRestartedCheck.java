package awslab.lab.check;

import awslab.i18n.AwsWord;
import awslab.lab.LabInstance;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;

/** {@code instance-restarted}: running again with a new public IP (old and new shown); records the new one. */
public final class InstanceRestartedCheck implements Checkpoint {
    @Override
    public String id() {
        return "instance-restarted";
    }

    @Override
    public CheckResult verify(CheckContext context) {
        Optional<LabInstance> found = LabCheck.labInstance(context);
        if (found.isEmpty()) {
            return CheckResult.failed("msg.check.instance.none");
        }
        LabInstance instance = found.get();
        if (!instance.isRunning() || instance.publicIp() == null) {
            return CheckResult.failed("msg.check.running.state", instance.id(), AwsWord.state(instance.state()));
        }
        Optional<String> old = LabCheck.recordedIp(context);
        if (old.isPresent() && old.get().equals(instance.publicIp())) {
            return CheckResult.failed("msg.check.restarted.sameIp", instance.id(), old.get());
        }
        LabCheck.record(context, instance);
        return CheckResult.passed("msg.check.restarted.ok", instance.id(), old.orElse("-"), instance.publicIp());
    }
}
