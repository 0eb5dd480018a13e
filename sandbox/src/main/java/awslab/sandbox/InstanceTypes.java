package awslab.sandbox;

import awslab.learnerlab.LearnerLab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EC2 instance types the sandbox knows: a real subset of EC2's list (general purpose,
 * compute and memory optimised families, x86 and Graviton), with their vCPUs and memory, read
 * from {@code instance-types.tsv}. A launch is checked as AWS and Learner Lab check it: an
 * unknown type is an invalid value, an Arm type cannot boot the x86 Ubuntu image, and a size
 * above {@code large} is refused by Learner Lab's policy.
 *
 * <pre>
 * InstanceTypes.checkLaunch("t3.xlarge", region); // AwsError UnauthorizedOperation, as Learner Lab answers
 * </pre>
 */
final class InstanceTypes {
    record Type(String name, int vcpus, int memoryMiB, String architecture, boolean freeTier) {}

    private static final List<Type> ALL = load();

    private InstanceTypes() {}

    static List<Type> all() {
        return ALL;
    }

    static Optional<Type> find(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    /** The errors AWS answers for a type that cannot launch the sandbox's Ubuntu image in a Learner Lab account. */
    static Type checkLaunch(String name, CloudRegion region) {
        Type type = find(name).orElseThrow(() -> AwsError.badRequest("InvalidParameterValue",
                "Invalid value '" + name + "' for InstanceType."));
        if (!LearnerLab.isAllowedInstanceType(name)) {
            throw new AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation. User: " + Caller.ARN
                    + " is not authorized to perform: ec2:RunInstances on resource: " + region.arn("ec2", "instance/*")
                    + " with an explicit deny in an identity-based policy (Learner Lab allows instance types from nano to large;"
                    + " " + name + " is refused).");
        }
        if (!"x86_64".equals(type.architecture)) {
            throw AwsError.badRequest("InvalidParameterValue", "The architecture '" + type.architecture + "' of the specified instance"
                    + " type does not match the architecture 'x86_64' of the specified AMI. Specify an instance type and an AMI that"
                    + " have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to"
                    + " discover the architecture of the instance type or AMI.");
        }
        return type;
    }

    private static List<Type> load() {
        List<Type> types = new ArrayList<>();
        try (InputStream in = InstanceTypes.class.getResourceAsStream("instance-types.tsv")) {
            if (in == null) {
                throw new IllegalStateException("instance-types.tsv is missing from the sandbox's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                types.add(new Type(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], Boolean.parseBoolean(f[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(types);
    }
}
