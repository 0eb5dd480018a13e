package awslab.api;

import java.util.Map;

/**
 * What a checkpoint may look at: the active target's clients, how to reach instances, and the
 * facts earlier checkpoints of the lesson recorded (e.g. {@code instance.id},
 * {@code instance.publicIp}), which the progress store keeps across restarts. A checkpoint may
 * add or update facts; keys are namespaced ({@code instance.*}, {@code fleet.*}).
 */
public record CheckContext(AwsClients clients, Reachability reachability, Map<String, String> facts) {}
