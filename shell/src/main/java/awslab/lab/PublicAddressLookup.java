package awslab.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The caller's own public IPv4 address, for the security group's SSH rule ("my IP" in the
 * console). When it cannot be found, the shell opens no SSH rule at all — never one to the world.
 *
 * <pre>
 * Optional&lt;String&gt; me = PublicAddressLookup.checkIp().callerAddress();
 * </pre>
 */
@FunctionalInterface
public interface PublicAddressLookup {

    /** The caller's public IPv4 address, or empty when unknown. */
    Optional<String> callerAddress();

    /** Knows nothing: for emulators and offline use. */
    PublicAddressLookup NONE = Optional::empty;

    /**
     * {@link #checkIp()} on real AWS (no endpoint override); on an endpoint, that endpoint's own
     * {@code /checkip}: the sandbox answers the student's address in its fiction (the one its
     * security groups see), other emulators answer nothing usable and the lookup knows nothing.
     * Either way, never a look-up on the internet for an emulator.
     */
    static PublicAddressLookup forTarget(software.amazon.awssdk.services.ec2.Ec2Client ec2) {
        return ec2.serviceClientConfiguration().endpointOverride().map(endpoint -> at(endpoint.resolve("/checkip")))
                .orElseGet(PublicAddressLookup::checkIp);
    }

    /** Asks AWS's own address echo service, within a few seconds. */
    static PublicAddressLookup checkIp() {
        return at(URI.create("https://checkip.amazonaws.com/"));
    }

    /** Asks an address echo service (one line: the caller's IPv4 address), within a few seconds. */
    static PublicAddressLookup at(URI service) {
        return () -> {
            try {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
                HttpRequest request = HttpRequest.newBuilder(service)
                        .timeout(Duration.ofSeconds(4)).GET().build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? ipv4(response.body().trim()) : Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                throw awslab.api.Interruption.generic(e);
            }
        };
    }

    /** The text when it is a literal IPv4 address (no name look-up), else empty. */
    static Optional<String> ipv4(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        for (String octet : text.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }
}
