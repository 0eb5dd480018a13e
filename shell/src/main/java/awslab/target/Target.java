package awslab.target;

import java.net.URI;
import java.util.Optional;

/**
 * Where the SDK calls go: the embedded sandbox, an AWS-compatible emulator, or real AWS.
 * {@link Targets#resolve} picks one from the command line, the environment and the saved
 * settings.
 *
 * <pre>
 * Target moto = Target.endpoint(URI.create("http://127.0.0.1:5000"), "us-east-1");
 * Target lab = Target.aws("awslab", "us-east-1");
 * </pre>
 *
 * @param kind which kind of target
 * @param region the region every client uses
 * @param profile the credentials profile (AWS only; {@link Targets#CONNECT_PROFILE} for the
 *     credentials pasted with {@code connect}), empty for the environment's credentials
 * @param endpoint the emulator's endpoint (ENDPOINT only)
 */
public record Target(Kind kind, String region, Optional<String> profile, Optional<URI> endpoint) {

    public enum Kind {
        /** The embedded local cloud: the default when the user has not connected to AWS. */
        SANDBOX,
        /** Any AWS-compatible emulator (Moto, LocalStack…) by its URL. */
        ENDPOINT,
        /** Real AWS, with a profile or the environment's credentials. */
        AWS
    }

    public static Target sandbox(String region) {
        return new Target(Kind.SANDBOX, region, Optional.empty(), Optional.empty());
    }

    public static Target endpoint(URI endpoint, String region) {
        return new Target(Kind.ENDPOINT, region, Optional.empty(), Optional.of(endpoint));
    }

    public static Target aws(String profile, String region) {
        return new Target(Kind.AWS, region, Optional.ofNullable(profile), Optional.empty());
    }

    public Target withRegion(String newRegion) {
        return new Target(kind, newRegion, profile, endpoint);
    }

    /** A short description for the prompt, e.g. {@code aws:awslab}, {@code endpoint}, {@code sandbox}. */
    public String shortName() {
        return switch (kind) {
            case SANDBOX -> "sandbox";
            case ENDPOINT -> "endpoint";
            case AWS -> profile.map(p -> "aws:" + p).orElse("aws");
        };
    }
}
