package awslab.fleet;

import awslab.i18n.AwsWord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A picture of the fleet for the terminal: the load balancer, then its targets grouped by
 * availability zone, each with its lifecycle state and target health. A pure function of a
 * {@link FleetStatus}; AWS's own words (states, health) are shown as the caller words them
 * (translated for a student, as AWS says them by default).
 *
 * <pre>
 * ⚖ awslab-alb  active
 * │ http://awslab-alb-1.us-east-1.elb.amazonaws.com/ → :80
 * ├─ us-east-1a
 * │  └─ i-0001  InService  healthy
 * └─ us-east-1b
 *    └─ i-0002  Pending    initial
 * </pre>
 */
public final class FleetDiagram {
    private FleetDiagram() {}

    public static String render(FleetStatus status) {
        return render(status, AwsWord::value);
    }

    /** As {@link #render(FleetStatus)}, with AWS's words as {@code words} gives them (e.g. {@code messages::word}). */
    public static String render(FleetStatus status, Function<AwsWord, String> words) {
        StringBuilder out = new StringBuilder();
        out.append("⚖ ").append(status.loadBalancer().map(b -> b.name() + "  " + words.apply(AwsWord.balancer(b.state())))
                .orElse("-")).append('\n');
        status.dnsName().ifPresent(dns -> out.append("│ http://").append(dns).append("/")
                .append(status.listener() ? " → :80" : "").append('\n'));
        TreeSet<String> zones = new TreeSet<>(status.zones());
        zones.addAll(status.memberZones());
        int idWidth = width(status.members().stream().map(FleetStatus.Member::instanceId).toList());
        int stateWidth = width(status.members().stream().map(m -> words.apply(AwsWord.lifecycle(m.lifecycle()))).toList());
        List<String> zoneList = new ArrayList<>(zones);
        for (int z = 0; z < zoneList.size(); z++) {
            boolean lastZone = z == zoneList.size() - 1;
            String zone = zoneList.get(z);
            out.append(lastZone ? "└─ " : "├─ ").append(zone).append('\n');
            String indent = lastZone ? "   " : "│  ";
            List<FleetStatus.Member> inZone = status.members().stream().filter(m -> zone.equals(m.zone())).toList();
            if (inZone.isEmpty()) {
                out.append(indent).append("└─ ·\n");
            }
            for (int i = 0; i < inZone.size(); i++) {
                FleetStatus.Member m = inZone.get(i);
                out.append(indent).append(i == inZone.size() - 1 ? "└─ " : "├─ ")
                        .append(pad(m.instanceId(), idWidth)).append("  ")
                        .append(pad(words.apply(AwsWord.lifecycle(m.lifecycle())), stateWidth)).append("  ")
                        .append(words.apply(AwsWord.health(m.targetHealth())))
                        .append(FleetStatus.RUNNING.equals(m.instanceState()) ? ""
                                : "  (" + words.apply(AwsWord.state(m.instanceState())) + ")")
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static int width(List<String> texts) {
        return texts.stream().mapToInt(String::length).max().orElse(0);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
