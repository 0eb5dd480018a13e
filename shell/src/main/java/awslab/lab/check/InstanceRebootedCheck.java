package awslab.lab.check;

import awslab.i18n.AwsWord;
import awslab.lab.LabInstance;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;

/** {@code instance-rebooted}: running, with the same public IP as recorded (a reboot keeps it). */
public final class InstanceRebootedCheck implements Checkpoint {
    @Override
    public String id() {
        return "instance-rebooted";
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
        Optional<String> recorded = LabCheck.recordedIp(context);
        if (recorded.isPresent() && !recorded.get().equals(instance.publicIp())) {
            return CheckResult.failed("msg.check.rebooted.ipChanged", instance.id(), recorded.get(), instance.publicIp());
        }
        LabCheck.record(context, instance);
        return CheckResult.passed("msg.check.rebooted.ok", instance.id(), instance.publicIp());
    }
}
