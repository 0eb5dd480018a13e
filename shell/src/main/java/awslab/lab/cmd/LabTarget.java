package awslab.lab.cmd;

import awslab.api.ShellContext;
import awslab.lab.Instances;
import awslab.lab.LabInstance;
import awslab.lab.LabInstances;
import awslab.lab.PublicAddressLookup;
import awslab.lab.Waiting;
import awslab.api.UserException;

/**
 * What the lab commands derive from the active target: real AWS (no endpoint override) waits
 * minutes and looks up the caller's public address; an emulator or the sandbox (an endpoint
 * override) changes state at once and never looks anything up on the internet.
 */
final class LabTarget {
    private LabTarget() {}

    static boolean isAws(ShellContext ctx) {
        return ctx.clients().ec2().serviceClientConfiguration().endpointOverride().isEmpty();
    }

    static Waiting waiting(ShellContext ctx) {
        return isAws(ctx) ? Waiting.aws() : new Waiting(30, java.time.Duration.ofSeconds(1));
    }

    static PublicAddressLookup callerAddress(ShellContext ctx) {
        return PublicAddressLookup.forTarget(ctx.clients().ec2());
    }

    static Instances instances(ShellContext ctx) {
        return new Instances(ctx.clients().ec2(), ctx.progress(), waiting(ctx));
    }

    /** The instance a command names, or the lab instance when it names none. */
    static String instanceOrLab(ShellContext ctx, String instance) {
        if (instance != null && !instance.isBlank()) {
            return instance;
        }
        return LabInstances.newest(instances(ctx)).map(LabInstance::id)
                .orElseThrow(() -> new UserException("err.lab.instance.none"));
    }
}
