package awslab.target;

import awslab.api.Reachability;
import java.net.URI;

/**
 * The embedded local cloud behind the SANDBOX target, as the shell needs it: an AWS-compatible
 * endpoint for the SDK clients and a way to reach the instances it runs. The sandbox package
 * implements it and registers it with {@link Targets#localCloud}.
 *
 * <pre>
 * targets.localCloud(() -> Sandbox.start(stateDir)); // a Supplier&lt;LocalCloud&gt;, called on first use
 * </pre>
 */
public interface LocalCloud {
    /** The endpoint the SDK clients call (starting the sandbox if needed), e.g. {@code http://127.0.0.1:PORT}. */
    URI endpoint();

    /**
     * An endpoint to build clients with, at once: the local cloud starts meanwhile, and each call
     * goes where it then runs (the clients follow it). By default, {@link #endpoint()}.
     */
    default URI endpointSoon() {
        return endpoint();
    }

    /** Where the sandbox's instances and load balancers listen. */
    Reachability reachability();
}
