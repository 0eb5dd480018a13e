package awslab.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * One instance as the lab shows it: what {@code status} lists and what checkpoints compare.
 *
 * <pre>
 * LabInstance web = instances.find("web");
 * if (web.isRunning()) out.println(web.publicIp());
 * </pre>
 *
 * @param publicIp the public IPv4 address, or {@code null} when it has none (stopped, pending)
 * @param publicDns the public DNS name, or {@code null} when it has none
 */
public record LabInstance(
        String id,
        String name,
        String state,
        String publicIp,
        String publicDns,
        String type,
        String zone,
        Instant launchTime,
        boolean managed,
        String lesson) {

    public static LabInstance of(Instance instance) {
        return new LabInstance(
                instance.instanceId(),
                tag(instance, LabTags.NAME).orElse(""),
                instance.state() == null ? "unknown" : instance.state().nameAsString(),
                blankToNull(instance.publicIpAddress()),
                blankToNull(instance.publicDnsName()),
                instance.instanceTypeAsString(),
                instance.placement() == null ? "" : instance.placement().availabilityZone(),
                instance.launchTime(),
                tag(instance, LabTags.MANAGED).filter(LabTags.MANAGED_VALUE::equals).isPresent(),
                tag(instance, LabTags.LESSON).orElse(""));
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    public boolean isStopped() {
        return "stopped".equals(state);
    }

    public boolean isGone() {
        return "terminated".equals(state) || "shutting-down".equals(state);
    }

    public Optional<String> publicIpAddress() {
        return Optional.ofNullable(publicIp);
    }

    /** How long ago it was launched (zero when unknown). */
    public Duration age(Instant now) {
        return launchTime == null ? Duration.ZERO : Duration.between(launchTime, now);
    }

    private static Optional<String> tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
