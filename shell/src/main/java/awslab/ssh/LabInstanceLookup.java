package awslab.ssh;

import awslab.api.UserException;
import awslab.lab.LabTags;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Which instance {@code ssh} talks to: by id, by Name tag among the lab's instances, or the
 * newest running lab instance. (Kept small and private to SSH; the lab's instance operations
 * own the general lookup.)
 */
final class LabInstanceLookup {
    private final Ec2Client ec2;

    LabInstanceLookup(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** The instance {@code idOrName} names, or the newest running lab instance when it is null. */
    Instance find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return newestRunning().orElseThrow(() -> new UserException("err.ssh.instance.none"));
        }
        if (idOrName.startsWith("i-")) {
            return byId(idOrName).orElseThrow(() -> new UserException("err.ssh.instance.notFound", idOrName));
        }
        List<Instance> named = describe(List.of(LabTags.managedFilter(),
                Filter.builder().name("tag:" + LabTags.NAME).values(idOrName).build(),
                Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()));
        List<Instance> running = named.stream().filter(i -> i.state().name() == InstanceStateName.RUNNING).toList();
        List<Instance> candidates = running.isEmpty() ? named : running;
        if (candidates.isEmpty()) {
            throw new UserException("err.ssh.instance.notFound", idOrName);
        }
        if (candidates.size() > 1) {
            throw new UserException("err.ssh.instance.ambiguous", idOrName,
                    String.join(", ", candidates.stream().map(Instance::instanceId).toList()));
        }
        return candidates.get(0);
    }

    Optional<Instance> byId(String instanceId) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .findFirst();
        } catch (Ec2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (code.startsWith("InvalidInstanceID")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<Instance> newestRunning() {
        return describe(List.of(LabTags.managedFilter(),
                        Filter.builder().name("instance-state-name").values("running").build()))
                .stream()
                .max(Comparator.comparing(Instance::launchTime));
    }

    private List<Instance> describe(List<Filter> filters) {
        return ec2.describeInstancesPaginator(r -> r.filters(filters)).reservations().stream()
                .map(Reservation::instances)
                .flatMap(List::stream)
                .toList();
    }
}
