package awslab.lab.check;

import awslab.lab.LabInstance;
import awslab.api.CheckContext;
import awslab.api.CheckResult;
import awslab.api.Checkpoint;
import awslab.reach.WebServiceProbe;
import java.util.Optional;

/** {@code web-service-answers}: {@code GET /task} on the lab instance answers with the four seed tasks. */
public final class WebServiceAnswersCheck implements Checkpoint {
    @Override
    public String id() {
        return "web-service-answers";
    }

    @Override
    public CheckResult verify(CheckContext context) {
        Optional<LabInstance> found = LabCheck.labInstance(context);
        if (found.isEmpty()) {
            return CheckResult.failed("msg.check.instance.none");
        }
        LabInstance instance = found.get();
        WebServiceProbe.Answer answer = new WebServiceProbe(context.reachability()).probe(instance.id(), instance.publicIp());
        return switch (answer.status()) {
            case CANNOT_CHECK -> CheckResult.cannotCheck("msg.check.web.cannotCheck", instance.id());
            case NO_ANSWER -> CheckResult.failed("msg.check.web.noAnswer", answer.uri().map(Object::toString).orElse("-"), answer.problem());
            case ANSWERS -> answer.hasSeedTasks()
                    ? CheckResult.passed("msg.check.web.ok", answer.uri().orElseThrow().toString(), answer.descriptions().size())
                    : CheckResult.failed("msg.check.web.noSeed", answer.uri().orElseThrow().toString(), String.join(", ", answer.descriptions()));
        };
    }
}
