package awslab.api;

/**
 * What a lab operation reports while AWS works, so the UI can show it. Operations stay free of
 * any terminal code: they only name what happens, by i18n key.
 *
 * <pre>
 * progress.step("msg.launch.waiting", instanceId, "pending");
 * progress.apiCall("aws ec2 run-instances --image-id ami-…", "ec2.runInstances(r -> r.imageId(\"ami-…\"))");
 * </pre>
 */
public interface Progress {
    /** Does nothing: for callers that show no progress (tests, scripts). */
    Progress SILENT = new Progress() {
        @Override
        public void step(String key, Object... args) {}
    };

    /** One visible step, e.g. a state change or a resource that appeared. */
    void step(String key, Object... args);

    /** The equivalent AWS CLI command and Java SDK call of what was just done, for students. */
    default void apiCall(String awsCli, String javaSdk) {}
}
