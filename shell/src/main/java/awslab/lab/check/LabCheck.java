package awslab.lab.check;

import awslab.lab.Instances;
import awslab.lab.LabInstance;
import awslab.lab.LabInstances;
import awslab.lab.Waiting;
import awslab.api.CheckContext;
import awslab.api.Progress;
import java.util.Optional;

/** What the part 1 checkpoints share: finding the lab instance, read-only and silent. */
final class LabCheck {
    private LabCheck() {}

    static Instances instances(CheckContext context) {
        return new Instances(context.clients().ec2(), Progress.SILENT, Waiting.immediate());
    }

    /** The recorded instance ({@code instance.id}), else the newest part 1 instance. */
    static Optional<LabInstance> labInstance(CheckContext context) {
        return LabInstances.current(instances(context), context.facts());
    }

    static Optional<String> recordedIp(CheckContext context) {
        return Optional.ofNullable(context.facts().get(LabInstances.FACT_PUBLIC_IP)).filter(ip -> !ip.isBlank());
    }

    static void record(CheckContext context, LabInstance instance) {
        context.facts().put(LabInstances.FACT_ID, instance.id());
        if (instance.publicIp() != null) {
            context.facts().put(LabInstances.FACT_PUBLIC_IP, instance.publicIp());
        }
    }
}
