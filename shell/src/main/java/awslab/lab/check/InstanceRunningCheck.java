package awslab.lab.check;

import awslab.i18n.AwsWord;
import awslab.lab.LabInstance;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;

/** {@code instance-running}: the lab instance runs and has a public IP; records both as facts. */
public final class InstanceRunningCheck implements Checkpoint {
    @Override
    public String id() {
        return "instance-running";
    }

    @Override
    public CheckResult verify(CheckContext context) {
        Optional<LabInstance> found = LabCheck.labInstance(context);
        if (found.isEmpty()) {
            return CheckResult.failed("msg.check.instance.none");
        }
        LabInstance instance = found.get();
        if (!instance.isRunning()) {
            return CheckResult.failed("msg.check.running.state", instance.id(), AwsWord.state(instance.state()));
        }
        if (instance.publicIp() == null) {
            return CheckResult.failed("msg.check.running.noIp", instance.id());
        }
        LabCheck.record(context, instance);
        return CheckResult.passed("msg.check.running.ok", instance.id(), instance.publicIp());
    }
}
