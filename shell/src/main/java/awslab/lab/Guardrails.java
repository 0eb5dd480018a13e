package awslab.lab;

import awslab.learnerlab.LearnerLab;
import awslab.api.UserException;
import awslab.api.Progress;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The Learner Lab limits, checked before the shell starts an instance: beyond
 * {@link LearnerLab#MAX_RUNNING_INSTANCES} running instances in a region Learner Lab terminates
 * the extra ones (and at 20 wipes the account), so such a launch or start is refused; a region or
 * an instance type the lab does not allow gets a warning.
 *
 * <pre>
 * new Guardrails(ec2, progress).beforeLaunch("us-east-1", "t2.micro", 1);
 * </pre>
 */
public final class Guardrails {
    private final Ec2Client ec2;
    private final Progress progress;

    public Guardrails(Ec2Client ec2, Progress progress) {
        this.ec2 = ec2;
        this.progress = progress;
    }

    /** Refuses when {@code count} more instances would exceed the cap; warns on region and type. */
    public void beforeLaunch(String region, String instanceType, int count) {
        warnRegion(region);
        if (!LearnerLab.isAllowedInstanceType(instanceType)) {
            progress.step("msg.lab.warn.type", instanceType);
        }
        requireRoomFor(count);
    }

    public void warnRegion(String region) {
        if (!LearnerLab.isAllowedRegion(region)) {
            progress.step("msg.lab.warn.region", region, String.join(", ", LearnerLab.REGIONS.stream().sorted().toList()));
        }
    }

    /** Counts every running or pending instance of the region (the cap is the account's, not the shell's). */
    public void requireRoomFor(int count) {
        int running = runningCount();
        if (running + count > LearnerLab.MAX_RUNNING_INSTANCES) {
            throw new UserException("err.lab.cap", running, LearnerLab.MAX_RUNNING_INSTANCES);
        }
    }

    public int runningCount() {
        progress.apiCall("aws ec2 describe-instances --filters Name=instance-state-name,Values=pending,running",
                "ec2.describeInstances(r -> r.filters(f -> f.name(\"instance-state-name\").values(\"pending\", \"running\")))");
        return (int) ec2.describeInstancesPaginator(r -> r.filters(f -> f.name("instance-state-name").values("pending", "running")))
                .reservations().stream()
                .map(Reservation::instances)
                .mapToLong(java.util.List::size)
                .sum();
    }
}
