package awslab.lab;

import awslab.i18n.AwsWord;
import awslab.api.Interruption;
import awslab.api.UserException;
import awslab.api.Progress;
import awslab.target.Creations;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * The lab's instances over EC2: launch, find (by id or {@code Name} tag, among what the shell
 * tagged), stop, start, reboot, terminate — each waiting with the SDK's waiters and reporting
 * the state changes and the equivalent CLI/SDK calls through {@link Progress}.
 *
 * <pre>
 * Instances instances = new Instances(ec2, progress, Waiting.aws());
 * LabInstance web = instances.stop("ma-premiere-instance");
 * </pre>
 */
public final class Instances {
    private final Ec2Client ec2;
    private final Progress progress;
    private final Waiting waiting;

    public Instances(Ec2Client ec2, Progress progress, Waiting waiting) {
        this.ec2 = ec2;
        this.progress = progress;
        this.waiting = waiting;
    }

    /** What {@code launch} asks for; {@code userDataBase64} as EC2 takes it (see {@link UserData#base64()}). */
    public record LaunchRequest(String name, String type, String imageId, String keyName, String securityGroupId,
            String userDataBase64, String lesson) {}

    /** Launches one tagged instance (IMDSv2 required) and waits until it is running. */
    public LabInstance launch(LaunchRequest request) {
        progress.apiCall(
                "aws ec2 run-instances --image-id " + request.imageId() + " --instance-type " + request.type()
                        + " --key-name " + request.keyName() + " --security-group-ids " + request.securityGroupId()
                        + " --metadata-options HttpTokens=required --user-data fileb://user-data.sh.gz"
                        + " --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=" + request.name() + "}]'",
                "ec2.runInstances(r -> r.imageId(\"" + request.imageId() + "\").instanceType(\"" + request.type()
                        + "\").keyName(\"" + request.keyName() + "\").minCount(1).maxCount(1)"
                        + ".metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED)).userData(UserData.base64()))");
        // One token per launch: AWS makes at most one instance for it, however often the call is
        // repeated; the same token as a tag lets the shell find that instance when the answer is lost.
        String token = "awslab-" + UUID.randomUUID();
        String id = Creations.once(() -> translate(() -> ec2.runInstances(r -> r
                        .clientToken(token)
                        .imageId(request.imageId())
                        .instanceType(request.type())
                        .keyName(request.keyName())
                        .securityGroupIds(request.securityGroupId())
                        .minCount(1)
                        .maxCount(1)
                        .userData(request.userDataBase64())
                        .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint("enabled"))
                        .tagSpecifications(
                                LabTags.withClientToken(LabTags.ec2Spec(ResourceType.INSTANCE, request.name(), request.lesson()), token),
                                LabTags.ec2Spec(ResourceType.VOLUME, request.name(), request.lesson()))
                        .overrideConfiguration(Creations.REFUSED_ONLY))
                .instances().get(0).instanceId(), request.name(), request.keyName(), request.imageId()),
                () -> byClientToken(token),
                found -> progress.step("msg.aws.reconciled", found));
        progress.step("msg.lab.instance.state", id, AwsWord.state("pending"));
        return waitFor(id, "running", w -> w.waitUntilInstanceRunning(r -> r.instanceIds(id)));
    }

    /** The instance launched with this client token (found by its tag), if AWS made it. */
    private Optional<String> byClientToken(String token) {
        return describe(List.of(Filter.builder().name("tag:" + LabTags.CLIENT_TOKEN).values(token).build())).stream()
                .map(LabInstance::id)
                .findFirst();
    }

    /** The shell's instances that are not terminated, newest first. */
    public List<LabInstance> list() {
        return describe(List.of(LabTags.managedFilter())).stream()
                .filter(i -> !"terminated".equals(i.state()))
                .sorted(Comparator.comparing(LabInstance::launchTime, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** Any instance by id, tagged or not; empty when EC2 does not know it. */
    public Optional<LabInstance> byId(String id) {
        try {
            return describe(List.of(Filter.builder().name("instance-id").values(id).build())).stream().findFirst();
        } catch (AwsServiceException e) {
            return Optional.empty();
        }
    }

    /**
     * The instance a user names: an instance id, or the {@code Name} tag of one the shell created
     * (the newest when several share it). Throws when there is none.
     */
    public LabInstance find(String idOrName) {
        if (idOrName.startsWith("i-")) {
            return byId(idOrName).orElseThrow(() -> new UserException("err.lab.instance.unknown", idOrName));
        }
        return list().stream()
                .filter(i -> idOrName.equals(i.name()))
                .findFirst()
                .orElseThrow(() -> new UserException("err.lab.instance.unknown", idOrName));
    }

    public LabInstance stop(String idOrName) {
        LabInstance instance = requireState(find(idOrName), "stop", "running", "pending");
        String id = instance.id();
        progress.apiCall("aws ec2 stop-instances --instance-ids " + id, "ec2.stopInstances(r -> r.instanceIds(\"" + id + "\"))");
        translate(() -> ec2.stopInstances(r -> r.instanceIds(id)), id);
        progress.step("msg.lab.instance.state", id, AwsWord.state("stopping"));
        return waitFor(id, "stopped", w -> w.waitUntilInstanceStopped(r -> r.instanceIds(id)));
    }

    public LabInstance start(String idOrName) {
        LabInstance instance = requireState(find(idOrName), "start", "stopped");
        String id = instance.id();
        progress.apiCall("aws ec2 start-instances --instance-ids " + id, "ec2.startInstances(r -> r.instanceIds(\"" + id + "\"))");
        translate(() -> ec2.startInstances(r -> r.instanceIds(id)), id);
        progress.step("msg.lab.instance.state", id, AwsWord.state("pending"));
        return waitFor(id, "running", w -> w.waitUntilInstanceRunning(r -> r.instanceIds(id)));
    }

    public LabInstance reboot(String idOrName) {
        LabInstance instance = requireState(find(idOrName), "reboot", "running");
        String id = instance.id();
        progress.apiCall("aws ec2 reboot-instances --instance-ids " + id, "ec2.rebootInstances(r -> r.instanceIds(\"" + id + "\"))");
        translate(() -> ec2.rebootInstances(r -> r.instanceIds(id)), id);
        // A reboot keeps the instance "running" throughout: there is no state to wait for.
        progress.step("msg.lab.instance.rebooted", id);
        return find(id);
    }

    public LabInstance terminate(String idOrName) {
        LabInstance instance = find(idOrName);
        if ("terminated".equals(instance.state())) {
            throw new UserException("err.lab.instance.state", instance.id(), AwsWord.state(instance.state()), "terminate");
        }
        String id = instance.id();
        progress.apiCall("aws ec2 terminate-instances --instance-ids " + id,
                "ec2.terminateInstances(r -> r.instanceIds(\"" + id + "\"))");
        translate(() -> ec2.terminateInstances(r -> r.instanceIds(id)), id);
        progress.step("msg.lab.instance.state", id, AwsWord.state("shutting-down"));
        return waitFor(id, "terminated", w -> w.waitUntilInstanceTerminated(r -> r.instanceIds(id)));
    }

    private LabInstance waitFor(String id, String state, java.util.function.Function<Ec2Waiter, WaiterResponse<DescribeInstancesResponse>> wait) {
        progress.apiCall("aws ec2 wait instance-" + state + " --instance-ids " + id,
                "ec2.waiter().waitUntilInstance" + Character.toUpperCase(state.charAt(0)) + state.substring(1)
                        + "(r -> r.instanceIds(\"" + id + "\"))");
        try (Ec2Waiter waiter = Ec2Waiter.builder().client(ec2).overrideConfiguration(waiting.waiterConfiguration()).build()) {
            WaiterResponse<DescribeInstancesResponse> response = wait.apply(waiter);
            if (response.matched().exception().isPresent()) {
                throw new UserException("err.lab.instance.wait", id, state);
            }
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            if (Interruption.causedBy(e)) {
                throw new Interruption(e, "msg.interrupted.wait", id, AwsWord.state(state));
            }
            throw new UserException(e, "err.lab.instance.wait", id, state);
        }
        LabInstance instance = find(id);
        progress.step("msg.lab.instance.state", id, AwsWord.state(instance.state()));
        return instance;
    }

    private static LabInstance requireState(LabInstance instance, String action, String... allowed) {
        if (!List.of(allowed).contains(instance.state())) {
            throw new UserException("err.lab.instance.state", instance.id(), AwsWord.state(instance.state()), action);
        }
        return instance;
    }

    private List<LabInstance> describe(List<Filter> filters) {
        return ec2.describeInstancesPaginator(r -> r.filters(filters)).reservations().stream()
                .map(Reservation::instances)
                .flatMap(List::stream)
                .map(LabInstance::of)
                .toList();
    }

    static <T> T translate(Supplier<T> call, String instance) {
        return translate(call, instance, instance, instance);
    }

    /** Turns the EC2 errors a student causes into translated messages; others go to the shell's explainer. */
    static <T> T translate(Supplier<T> call, String instance, String keyName, String imageId) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            if (code.startsWith("InvalidInstanceID")) {
                throw new UserException(e, "err.lab.instance.unknown", instance);
            }
            if (code.equals("IncorrectInstanceState")) {
                throw new UserException(e, "err.lab.instance.wrongState", instance);
            }
            if (code.startsWith("InvalidKeyPair")) {
                throw new UserException(e, "err.lab.key.missing", keyName);
            }
            if (code.startsWith("InvalidAMIID")) {
                throw new UserException(e, "err.lab.image.missing", imageId);
            }
            throw e;
        }
    }
}
