package awslab.sandbox;

/**
 * One API request as the handlers see it: the region it was signed for, its request id, and
 * whether it is a dry run ({@code DryRun=true}, EC2's "would this succeed?").
 *
 * <pre>
 * validate(request);
 * call.proceed();          // a dry run stops here with DryRunOperation, as on AWS
 * change(state);
 * </pre>
 */
record Call(CloudRegion region, String requestId, boolean dryRun) {
    /** A call that really runs (not a dry run). */
    Call(CloudRegion region, String requestId) {
        this(region, requestId, false);
    }

    /**
     * The point between checking a request and acting on it: a dry run ends here with AWS's
     * {@code DryRunOperation} ("would have succeeded"), having changed nothing.
     */
    void proceed() {
        if (dryRun) {
            throw new AwsError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
    }
}
