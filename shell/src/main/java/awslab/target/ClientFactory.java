package awslab.target;

import awslab.api.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place that builds SDK clients: every client of a target shares its region,
 * credentials, endpoint (for emulators), HTTP client (url-connection: small and quick to start)
 * and timeouts, so commands and snippets behave alike.
 *
 * <pre>
 * AwsClients clients = ClientFactory.build(target, targets.credentials(target));
 * </pre>
 */
public final class ClientFactory {
    /** Short: an unreachable endpoint should be reported in seconds, not minutes. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(40);
    /** A whole call, retries included: a student waits about two minutes at most for one answer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(130);
    /** Tries per call: a class of 40 sharing one account's limits gets throttled, and waits it out. */
    static final int MAX_ATTEMPTS = 4;

    private ClientFactory() {}

    public static AwsClients build(Target target, AwsCredentialsProvider credentials) {
        return build(target, credentials, Optional.empty());
    }

    /**
     * The clients of a target; with a local cloud (the sandbox), every call goes to wherever it
     * runs now — started again first if it has stopped — and never through a proxy, which could
     * not reach this computer's 127.0.0.1.
     */
    public static AwsClients build(Target target, AwsCredentialsProvider credentials, Optional<LocalCloud> local) {
        UrlConnectionHttpClient.Builder httpBuilder = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT);
        local.ifPresent(cloud -> httpBuilder.proxyConfiguration(ProxyConfiguration.builder()
                .useSystemPropertyValues(false).useEnvironmentVariablesValues(false).build()));
        SdkHttpClient http = httpBuilder.build();
        Shared shared = new Shared(target, credentials, http, local.map(FollowTheLocalCloud::new));
        return new AwsClients(
                shared.apply(Ec2Client.builder()).build(),
                shared.apply(AutoScalingClient.builder()).build(),
                shared.apply(ElasticLoadBalancingV2Client.builder()).build(),
                shared.apply(StsClient.builder()).build(),
                shared.apply(SsmClient.builder()).build(),
                shared.apply(CloudWatchClient.builder()).build());
    }

    /**
     * Adaptive: throttled calls back off, as a lab full of students needs. Besides AWS's own
     * retryable errors (throttling, 5xx, broken connections), an answer that arrived cut short
     * is asked again: reads are safe to repeat, and creations reconcile by looking
     * ({@link Creations}) rather than trusting a retry.
     */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .retryOnException(AwsErrors::isGarbledAnswer)
                .maxAttempts(MAX_ATTEMPTS)
                .build();
    }

    private record Shared(Target target, AwsCredentialsProvider credentials, SdkHttpClient http,
            Optional<ExecutionInterceptor> follow) {
        <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
                B apply(B builder) {
            ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                    .retryStrategy(retryStrategy())
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                    .apiCallTimeout(CALL_TIMEOUT);
            follow.ifPresent(override::addExecutionInterceptor);
            builder.region(Region.of(target.region()))
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(override.build());
            target.endpoint().ifPresent(builder::endpointOverride);
            return builder;
        }
    }

    /**
     * Sends each call to where the local cloud runs now: it may have stopped since the client was
     * built (nobody used it for hours, or {@code sandbox stop}) and started again, on another
     * port if its own was taken meanwhile.
     */
    private record FollowTheLocalCloud(LocalCloud cloud) implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            URI now = cloud.endpoint();
            SdkHttpRequest request = context.httpRequest();
            if (request.host().equals(now.getHost()) && request.port() == now.getPort()) {
                return request;
            }
            return request.toBuilder().host(now.getHost()).port(now.getPort()).build();
        }
    }
}
