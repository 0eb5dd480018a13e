package awslab.lab.cmd;

import awslab.api.InstanceStatus;
import awslab.api.LocalAddresses;
import awslab.api.Progress;
import awslab.api.ShellContext;
import awslab.i18n.AwsWord;
import awslab.i18n.Messages;
import awslab.lab.Guardrails;
import awslab.lab.Instances;
import awslab.lab.LabInstance;
import awslab.lab.Pricing;
import awslab.lab.SetupConsole;
import awslab.lab.SetupSteps;
import awslab.lab.Waiting;
import awslab.learnerlab.LearnerLab;
import awslab.reach.WebServiceProbe;
import awslab.ui.Table;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lab's part of {@code status}: the shell's instances (name, id, state, public IP, estimated
 * cost), the address of each running instance's web service and whether it answers, then the
 * running-instance count against the Learner Lab cap. With an instance, that one in detail (DNS,
 * type, zone, age too). The shell's {@code status} command calls {@link #render(ShellContext, String)};
 * {@code instances} shows it alone.
 *
 * <pre>
 * new InstancesStatus().render(ctx, null);      // all of the shell's instances
 * new InstancesStatus().render(ctx, "web");     // one, by id or name
 * </pre>
 */
public final class InstancesStatus implements InstanceStatus {
    /** Long enough for a running web service on AWS, short enough for a status that lists several. */
    static final Duration WEB_PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Override
    public void render(ShellContext ctx, String instance) {
        Messages messages = ctx.messages();
        Instances instances = new Instances(ctx.clients().ec2(), Progress.SILENT, Waiting.immediate());
        boolean one = instance != null && !instance.isBlank();
        List<LabInstance> shown = one ? List.of(instances.find(instance)) : instances.list();
        PrintWriter out = ctx.out();
        if (shown.isEmpty()) {
            out.println(messages.get("msg.lab.status.none"));
        } else {
            out.print(one ? detail(messages, shown.get(0)).renderBlocks() : list(messages, shown).render(ctx.width()));
            out.println(messages.get("msg.lab.status.costNote"));
            WebServiceProbe probe = new WebServiceProbe(ctx.reachability(), WEB_PROBE_TIMEOUT);
            for (LabInstance i : shown) {
                if (i.isRunning()) {
                    Optional<String> local = LocalAddresses.instance(ctx, i.id(), i.publicIp());
                    out.println(webService(messages, probe, i, local.isEmpty()));
                    local.ifPresent(out::println);
                }
            }
            if (shown.size() == 1 && shown.get(0).isRunning()) {
                setup(ctx, shown.get(0));
            }
        }
        int running = new Guardrails(ctx.clients().ec2(), Progress.SILENT).runningCount();
        out.println(messages.get("msg.lab.status.running", running, LearnerLab.MAX_RUNNING_INSTANCES));
    }

    private static Table list(Messages messages, List<LabInstance> shown) {
        Table table = new Table(column(messages, "name"), column(messages, "id"), column(messages, "state"),
                column(messages, "ip"), column(messages, "cost"));
        for (LabInstance i : shown) {
            table.row(i.name(), i.id(), messages.word(AwsWord.state(i.state())), LaunchCommand.dash(i.publicIp()),
                    cost(messages, i));
        }
        return table;
    }

    /** One instance, every field on its own line. */
    private static Table detail(Messages messages, LabInstance i) {
        return new Table(column(messages, "name"), column(messages, "id"), column(messages, "state"),
                column(messages, "ip"), column(messages, "dns"), column(messages, "type"), column(messages, "zone"),
                column(messages, "age"), column(messages, "cost"))
                .row(i.name().isBlank() ? i.id() : i.name(), i.id(), messages.get("msg.lab.status.state", AwsWord.state(i.state())),
                        LaunchCommand.dash(i.publicIp()), LaunchCommand.dash(i.publicDns()), i.type(), i.zone(),
                        age(messages, i.age(Instant.now())), cost(messages, i));
    }

    /**
     * Where the instance's web service is, where the shell called it (unless the sandbox's line
     * about this instance, printed next, says so), and what it said.
     */
    private static String webService(Messages messages, WebServiceProbe probe, LabInstance instance, boolean showCalled) {
        String publicUri = "http://" + LaunchCommand.dash(instance.publicIp()) + "/task";
        WebServiceProbe.Answer answer = probe.probe(instance.id(), instance.publicIp());
        String outcome = switch (answer.status()) {
            case ANSWERS -> messages.get("msg.lab.status.web.answers", answer.descriptions().size());
            case NO_ANSWER -> messages.get("msg.lab.status.web.noAnswer", answer.problem());
            case CANNOT_CHECK -> messages.get("msg.lab.status.web.cannotCheck");
        };
        String name = instance.name().isBlank() ? instance.id() : instance.name();
        String called = answer.uri().map(URI::toString).orElse(publicUri);
        return !showCalled || called.equals(publicUri) ? messages.get("msg.lab.status.web", name, publicUri, outcome)
                : messages.get("msg.lab.status.web.local", name, publicUri, called, outcome);
    }

    private static String column(Messages messages, String name) {
        return messages.get("msg.lab.status.column." + name);
    }

    /** status INSTANCE: where its first-boot setup is, as its console shows it (the log's last lines if it failed). */
    private static void setup(ShellContext ctx, LabInstance instance) {
        new SetupSteps((key, args) -> ctx.out().println(ctx.messages().get(key, args)))
                .describe(instance.id(), instance.name(), new SetupConsole(ctx.clients().ec2()).read(instance.id()));
    }

    static String age(Messages messages, Duration age) {
        if (age.toDays() > 0) {
            return messages.get("msg.lab.status.age.days", age.toDays(), age.toHoursPart());
        }
        if (age.toHours() > 0) {
            return messages.get("msg.lab.status.age.hours", age.toHours(), age.toMinutesPart());
        }
        return messages.get("msg.lab.status.age.minutes", age.toMinutes());
    }

    static String cost(Messages messages, LabInstance instance) {
        if (!instance.isRunning()) {
            return messages.get("msg.lab.status.cost.none");
        }
        return Pricing.hourlyUsd(instance.type()).map(usd -> messages.get("msg.lab.status.cost", usd)).orElse("?");
    }
}
