package awslab.lab.cmd;

import awslab.api.InstanceStatus;
import awslab.api.LocalAddresses;
import awslab.api.ShellContext;
import awslab.i18n.Messages;
import awslab.lab.Guardrails;
import awslab.lab.Instances;
import awslab.lab.LabInstance;
import awslab.lab.Pricing;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab's part of {@code status}: the shell's instances with state, public IP and DNS, type,
 * zone, age and an estimated hourly cost, then the running-instance count against the Learner
 * Lab cap. With an instance, only that one. The shell's {@code status} command calls
 * {@link #render(ShellContext, String)}; {@code instances} shows it alone.
 *
 * <pre>
 * new InstancesStatus().render(ctx, null);      // all of the shell's instances
 * new InstancesStatus().render(ctx, "web");     // one, by id or name
 * </pre>
 */
public final class InstancesStatus implements InstanceStatus {
    private static final String[] HEADERS = {"name", "id", "state", "ip", "dns", "type", "zone", "age", "cost"};

    @Override
    public void render(ShellContext ctx, String instance) {
        Messages messages = ctx.messages();
        Instances instances = new Instances(ctx.clients().ec2(), awslab.api.Progress.SILENT, awslab.lab.Waiting.immediate());
        List<LabInstance> shown = instance == null || instance.isBlank() ? instances.list() : List.of(instances.find(instance));
        PrintWriter out = ctx.out();
        if (shown.isEmpty()) {
            out.println(messages.get("msg.lab.status.none"));
        } else {
            List<String[]> rows = new ArrayList<>();
            String[] header = new String[HEADERS.length];
            for (int i = 0; i < HEADERS.length; i++) {
                header[i] = messages.get("msg.lab.status.column." + HEADERS[i]);
            }
            rows.add(header);
            Instant now = Instant.now();
            for (LabInstance i : shown) {
                rows.add(new String[] {i.name(), i.id(), i.state(), LaunchCommand.dash(i.publicIp()), LaunchCommand.dash(i.publicDns()),
                    i.type(), i.zone(), age(messages, i.age(now)), cost(messages, i)});
            }
            print(out, rows);
            out.println(messages.get("msg.lab.status.costNote"));
            for (LabInstance i : shown) {
                if (i.isRunning()) {
                    LocalAddresses.instance(ctx, i.id(), i.publicIp()).ifPresent(line -> out.println(i.name() + ": " + line));
                }
            }
        }
        int running = new Guardrails(ctx.clients().ec2(), awslab.api.Progress.SILENT).runningCount();
        out.println(messages.get("msg.lab.status.running", running, awslab.learnerlab.LearnerLab.MAX_RUNNING_INSTANCES));
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
        Optional<BigDecimal> hourly = Pricing.hourlyUsd(instance.type());
        return hourly.map(usd -> messages.get("msg.lab.status.cost", usd.toPlainString())).orElse("?");
    }

    private static void print(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(String.format("%-" + widths[c] + "s", row[c]));
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
