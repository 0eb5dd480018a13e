package awslab.learnerlab;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits of an AWS Academy Learner Lab account, defined once. Crossing some of them
 * deactivates the student's account and deletes everything in it, so the shell guards them.
 */
public final class LearnerLab {
    private LearnerLab() {}

    /** The only regions a Learner Lab account may use. */
    public static final Set<String> REGIONS = Set.of("us-east-1", "us-west-2");
    /** Beyond this many running instances in a region, Learner Lab terminates the extra ones. */
    public static final int MAX_RUNNING_INSTANCES = 9;
    /** At this many running instances, the account is deactivated and everything deleted. */
    public static final int ACCOUNT_WIPED_AT = 20;
    public static final int MAX_VCPUS = 32;
    /** Credentials last for the lab session, about four hours. */
    public static final int SESSION_HOURS = 4;

    /** Sizes Learner Lab allows: nano to large (e.g. t2.micro, t3.large; not t3.xlarge). */
    private static final Pattern ALLOWED_SIZE = Pattern.compile("[a-z0-9-]+\\.(nano|micro|small|medium|large)");

    public static boolean isAllowedRegion(String region) {
        return REGIONS.contains(region);
    }

    public static boolean isAllowedInstanceType(String instanceType) {
        return instanceType != null && ALLOWED_SIZE.matcher(instanceType).matches();
    }
}
