package awslab.target;

import awslab.api.UserException;
import awslab.settings.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Chooses the active {@link Target} and its credentials, in this order: an endpoint
 * ({@code --endpoint-url}, then {@code AWS_ENDPOINT_URL}) makes an ENDPOINT target; a profile
 * ({@code --profile}, then the one saved by {@code connect}, then {@code AWS_PROFILE}) or
 * credentials in the environment make an AWS target; otherwise the SANDBOX. Nothing here
 * touches the network, so the prompt never waits for it.
 *
 * <pre>
 * Target target = new Targets(stateDir, System.getenv()).resolve(null, null, null, settings);
 * </pre>
 */
public final class Targets {
    /** The profile holding the credentials pasted with {@code connect}, in the state directory. */
    public static final String CONNECT_PROFILE = "awslab";
    /** Learner Lab's region (and {@code vockey}'s): the default when nothing says otherwise. */
    public static final String DEFAULT_REGION = "us-east-1";

    private final Path stateDir;
    private final Map<String, String> env;
    private volatile java.util.function.Supplier<LocalCloud> localCloud;
    private LocalCloud startedCloud;

    public Targets(Path stateDir, Map<String, String> env) {
        this.stateDir = stateDir;
        this.env = env;
    }

    /** The environment the shell was started with (the sandbox's port and idle stop may come from it). */
    public Map<String, String> environment() {
        return env;
    }

    /** Makes the SANDBOX target usable: the sandbox registers how to start it (called once, on first use). */
    public void localCloud(java.util.function.Supplier<LocalCloud> starter) {
        this.localCloud = starter;
    }

    /** The local cloud, started on first call; empty while no sandbox is registered. */
    public synchronized Optional<LocalCloud> localCloud() {
        if (startedCloud == null && localCloud != null) {
            startedCloud = localCloud.get();
        }
        return Optional.ofNullable(startedCloud);
    }

    /**
     * Where a target's calls go: the emulator's endpoint, or the sandbox's — known at once, the
     * sandbox starting meanwhile (the clients follow it, see {@link ClientFactory}).
     */
    public Target resolved(Target target) {
        if (target.kind() == Target.Kind.SANDBOX && target.endpoint().isEmpty()) {
            return localCloud()
                    .map(c -> new Target(Target.Kind.SANDBOX, target.region(), Optional.empty(), Optional.of(c.endpointSoon())))
                    .orElse(target);
        }
        return target;
    }

    /** The SDK clients of a target (call {@link #missing} first): the sandbox's started if needed, and followed. */
    public awslab.api.AwsClients clients(Target target) {
        Target resolved = resolved(target);
        return ClientFactory.build(resolved, credentials(resolved),
                target.kind() == Target.Kind.SANDBOX ? localCloud() : Optional.empty());
    }

    /** The credentials file that {@code connect} writes (profile {@value #CONNECT_PROFILE}). */
    public Path connectCredentialsFile() {
        return stateDir.resolve("credentials");
    }

    /** The target for these command-line options (each may be null) and saved settings. */
    public Target resolve(String endpointUrl, String profile, String region, Settings settings) {
        String chosenRegion = firstSet(region, settings.get(Settings.REGION).orElse(null), env.get("AWS_REGION"),
                env.get("AWS_DEFAULT_REGION"), DEFAULT_REGION);
        String endpoint = firstSet(endpointUrl, env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null) {
            return Target.endpoint(parseEndpoint(endpoint), chosenRegion);
        }
        String chosenProfile = firstSet(profile, settings.get(Settings.PROFILE).orElse(null), env.get("AWS_PROFILE"));
        if (chosenProfile != null) {
            return Target.aws(chosenProfile, chosenRegion);
        }
        if (firstSet(env.get("AWS_ACCESS_KEY_ID")) != null) {
            return Target.aws(null, chosenRegion);
        }
        return Target.sandbox(chosenRegion);
    }

    /** Parses an endpoint URL, or says what is wrong with it. */
    public static URI parseEndpoint(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new UserException("err.target.endpoint.invalid", text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserException("err.target.endpoint.invalid", text);
        }
    }

    /**
     * What is missing to call the target, checked on local files and variables only (no network
     * call that could hang): empty when the target has credentials to try.
     */
    public Optional<UserException> missing(Target target) {
        switch (target.kind()) {
            case SANDBOX:
                return localCloud == null
                        ? Optional.of(new UserException("err.target.sandbox.unavailable"))
                        : Optional.empty();
            case ENDPOINT:
                if (target.profile().isEmpty()) {
                    return Optional.empty();
                }
                break;
            default:
                break;
        }
        if (target.profile().isEmpty()) {
            return firstSet(env.get("AWS_ACCESS_KEY_ID")) != null
                    ? Optional.empty()
                    : Optional.of(new UserException("err.target.credentials.none"));
        }
        String profile = target.profile().get();
        if (CONNECT_PROFILE.equals(profile)) {
            return Files.isRegularFile(connectCredentialsFile())
                            && connectProfileFile().profile(CONNECT_PROFILE).isPresent()
                    ? Optional.empty()
                    : Optional.of(new UserException("err.target.credentials.none"));
        }
        try {
            return ProfileFile.defaultProfileFile().profile(profile).isPresent()
                    ? Optional.empty()
                    : Optional.of(new UserException("err.target.profile.unknown", profile));
        } catch (RuntimeException e) {
            return Optional.of(new UserException("err.target.profile.unknown", profile));
        }
    }

    /** The credentials provider of the target (call {@link #missing} first). */
    public AwsCredentialsProvider credentials(Target target) {
        if (target.kind() != Target.Kind.AWS && target.profile().isEmpty()) {
            // Emulators accept any signed request: use the environment's keys if set, else placeholders.
            return AwsCredentialsProviderChain.builder()
                    .reuseLastProviderEnabled(true)
                    .credentialsProviders(
                            EnvironmentVariableCredentialsProvider.create(),
                            SystemPropertyCredentialsProvider.create(),
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("awslab", "awslab")))
                    .build();
        }
        if (target.profile().isEmpty()) {
            return AwsCredentialsProviderChain.of(
                    EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
        }
        String profile = target.profile().get();
        if (CONNECT_PROFILE.equals(profile)) {
            ProfileFile file = connectProfileFile();
            return ProfileCredentialsProvider.builder().profileFile(file).profileName(profile).build();
        }
        return ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    private ProfileFile connectProfileFile() {
        return ProfileFile.builder()
                .content(connectCredentialsFile())
                .type(ProfileFile.Type.CREDENTIALS)
                .build();
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
