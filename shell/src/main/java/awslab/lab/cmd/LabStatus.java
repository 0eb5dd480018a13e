package awslab.lab.cmd;

import awslab.cli.ShellContext;
import awslab.cli.StatusSection;

/** The lab's part of {@code status}: its instances, their addresses, cost and the running cap. */
public final class LabStatus implements StatusSection {
    private final ShellContext ctx;

    public LabStatus(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void render() {
        new InstancesStatus().render(ctx, null);
    }
}
