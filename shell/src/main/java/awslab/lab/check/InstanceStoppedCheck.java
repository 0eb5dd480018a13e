package awslab.lab.check;

import awslab.i18n.AwsWord;
import awslab.lab.LabInstance;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import awslab.reach.WebServiceProbe;
import java.util.Optional;

/** {@code instance-stopped}: stopped, no public IP, and (where reachable by design) no web service. */
public final class InstanceStoppedCheck implements Checkpoint {
    @Override
    public String id() {
        return "instance-stopped";
    }

    @Override
    public CheckResult verify(CheckContext context) {
        Optional<LabInstance> found = LabCheck.labInstance(context);
        if (found.isEmpty()) {
            return CheckResult.failed("msg.check.instance.none");
        }
        LabInstance instance = found.get();
        if (!instance.isStopped()) {
            return CheckResult.failed("msg.check.stopped.state", instance.id(), AwsWord.state(instance.state()));
        }
        if (instance.publicIp() != null) {
            return CheckResult.failed("msg.check.stopped.ip", instance.id(), instance.publicIp());
        }
        WebServiceProbe.Answer answer = new WebServiceProbe(context.reachability()).probe(instance.id(), null);
        if (answer.status() == WebServiceProbe.Status.ANSWERS) {
            return CheckResult.failed("msg.check.stopped.web", instance.id(), answer.uri().orElseThrow().toString());
        }
        return CheckResult.passed("msg.check.stopped.ok", instance.id(), LabCheck.recordedIp(context).orElse("-"));
    }
}
