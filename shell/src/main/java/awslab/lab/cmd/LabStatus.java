package awslab.lab.cmd;

import awslab.api.ShellContext;
import awslab.api.StatusSection;

/** The lab's part of {@code status}: its instances, their addresses, cost and the running cap. */
public final class LabStatus implements StatusSection {
    @Override
    public void render(ShellContext ctx) {
        new InstancesStatus().render(ctx, null);
    }
}
