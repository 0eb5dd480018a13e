package awslab.sandbox;

/**
 * Who calls the sandbox: the student, signed in as Learner Lab's {@code voclabs} role, from a
 * fictional public address. That address is what the sandbox's own {@code checkip} answers and
 * what its security groups see for every connection from the student's machine, so an SSH rule
 * "from my IP" ({@code PUBLIC_IP/32}) is as real in the sandbox as on AWS.
 */
final class Caller {
    static final String ARN = "arn:aws:sts::" + CloudState.ACCOUNT + ":assumed-role/voclabs/sandbox";
    static final String USER_ID = "AROASANDBOX00000000000:sandbox";
    /** The student's public IPv4 address in the sandbox (TEST-NET-1: documentation only, never routed). */
    static final String PUBLIC_IP = "192.0.2.10";

    private Caller() {}
}
