package awslab.lab.check;

import awslab.i18n.AwsWord;
import awslab.lab.LabInstance;
import awslab.lab.LabInstances;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import java.util.Optional;

/** {@code instance-terminated}: the lab instance is terminated (or EC2 no longer knows it). */
public final class InstanceTerminatedCheck implements Checkpoint {
    @Override
    public String id() {
        return "instance-terminated";
    }

    @Override
    public CheckResult verify(CheckContext context) {
        String recorded = context.facts().get(LabInstances.FACT_ID);
        Optional<LabInstance> found = recorded != null
                ? LabCheck.instances(context).byId(recorded)
                : LabInstances.newest(LabCheck.instances(context));
        if (found.isEmpty() || found.get().isGone()) {
            return CheckResult.passed("msg.check.terminated.ok", found.map(LabInstance::id).orElse(recorded == null ? "-" : recorded));
        }
        return CheckResult.failed("msg.check.terminated.state", found.get().id(), AwsWord.state(found.get().state()));
    }
}
