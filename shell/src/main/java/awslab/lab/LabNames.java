package awslab.lab;

/**
 * The names the lab text gives its resources, defined once. Commands take them as defaults and
 * let the user override them.
 */
public final class LabNames {
    private LabNames() {}

    /** The key pair that Learner Lab accounts have in us-east-1 (never created nor deleted by us). */
    public static final String LAB_KEY_PAIR = "vockey";
    /** The key pair the shell creates where {@link #LAB_KEY_PAIR} does not exist. */
    public static final String OWN_KEY_PAIR = "awslab-key";
    /** The private key file Learner Lab's "Download PEM" gives students. */
    public static final String LAB_KEY_FILE = "labsuser.pem";
    /** The user the Ubuntu images accept over SSH. */
    public static final String SSH_USER = "ubuntu";

    public static final String DEFAULT_INSTANCE_NAME = "ma-premiere-instance";
    public static final String DEFAULT_INSTANCE_TYPE = "t2.micro";
    /** The security group of part 1, reused by the fleet's launch template as in the lab. */
    public static final String WEB_SECURITY_GROUP = "awslab-web";

    public static final String LAUNCH_TEMPLATE = "modele-webservice";
    public static final String AUTO_SCALING_GROUP = "ASG-webservice";
    public static final String LOAD_BALANCER = "awslab-alb";
    public static final String LOAD_BALANCER_SECURITY_GROUP = "awslab-alb";
    public static final String TARGET_GROUP = "awslab-targets";
    public static final int FLEET_DESIRED = 2;
    public static final int FLEET_MIN = 2;
    public static final int FLEET_MAX = 4;
    public static final double FLEET_TARGET_CPU_PERCENT = 50.0;

    /** The {@code awslab:lesson} tag value of what part 1 (one instance) creates. */
    public static final String PART1_LESSON = "part1";
    /** Folder of the state directory where the shell keeps the private keys it created. */
    public static final String KEYS_DIR = "keys";
}
