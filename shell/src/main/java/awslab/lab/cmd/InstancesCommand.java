package awslab.lab.cmd;

import awslab.api.InstanceNames;
import awslab.api.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code instances [INSTANCE]}: the lab's part of {@code status}, on its own. */
@Command(name = "instances")
public final class InstancesCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "INSTANCE", descriptionKey = "help.instances.param.instance",
            completionCandidates = InstanceNames.class)
    String instance;

    @Override
    protected int doCall() {
        new InstancesStatus().render(ctx(), instance);
        return 0;
    }
}
