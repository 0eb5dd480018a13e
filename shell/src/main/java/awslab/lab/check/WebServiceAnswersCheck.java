package awslab.lab.check;

import awslab.i18n.AwsWord;
import awslab.lab.IngressRules;
import awslab.lab.LabInstance;
import awslab.lab.PublicAddressLookup;
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
        if (!instance.isRunning()) {
            // stopped, say: no target reaches it, and "this target cannot" would blame the target
            return CheckResult.failed("msg.check.web.notRunning", instance.id(), AwsWord.state(instance.state()));
        }
        WebServiceProbe.Answer answer = new WebServiceProbe(context.reachability()).probe(instance.id(), instance.publicIp());
        return switch (answer.status()) {
            case CANNOT_CHECK -> CheckResult.cannotCheck("msg.check.web.cannotCheck", instance.id());
            case NO_ANSWER -> blocked(context, instance, answer).orElseGet(() ->
                    CheckResult.failed("msg.check.web.noAnswer", answer.uri().map(Object::toString).orElse("-"), answer.problem()));
            case ANSWERS -> answer.hasSeedTasks()
                    ? CheckResult.passed("msg.check.web.ok", answer.uri().orElseThrow().toString(), answer.descriptions().size())
                    : CheckResult.failed("msg.check.web.noSeed", answer.uri().orElseThrow().toString(), String.join(", ", answer.descriptions()));
        };
    }

    /** No answer because the instance's groups drop HTTP from the student: which rule is missing, and how to add it. */
    private static Optional<CheckResult> blocked(CheckContext context, LabInstance instance, WebServiceProbe.Answer answer) {
        var ec2 = context.clients().ec2();
        return ec2.describeInstances(r -> r.instanceIds(instance.id())).reservations().stream()
                .flatMap(r -> r.instances().stream()).findFirst()
                .flatMap(found -> IngressRules.missing(ec2, found, 80, PublicAddressLookup.forTarget(ec2).callerAddress()))
                .map(missing -> CheckResult.failed("msg.check.web.blocked", answer.uri().map(Object::toString).orElse("-"),
                        missing.groupId(), missing.instanceId(), missing.cidr(), missing.command()));
    }
}
