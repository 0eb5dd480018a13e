package awslab.fleet.cli;

import awslab.api.BaseCommand;
import awslab.api.ShellContext;
import awslab.fleet.FleetWiring;
import picocli.CommandLine.Command;

/**
 * {@code fleet}: part 2 of the lab, an Auto Scaling group behind a load balancer. Its
 * subcommands ({@code create}, {@code status}, {@code watch}, {@code delete}) take the shell
 * context and the {@link FleetWiring} from this parent, so only this command needs wiring.
 *
 * <pre>
 * new CommandLine(new FleetCommand(wiring)).execute("create", "--max", "3");
 * </pre>
 */
@Command(name = "fleet",
        subcommands = {FleetCreateCommand.class, FleetStatusCommand.class, FleetWatchCommand.class,
                FleetDeleteCommand.class})
public final class FleetCommand extends BaseCommand {
    private final FleetWiring wiring;

    public FleetCommand(FleetWiring wiring) {
        this.wiring = wiring;
    }

    FleetWiring wiring() {
        return wiring;
    }

    ShellContext shell() {
        return ctx();
    }

    /** {@code fleet} alone lists its subcommands. */
    @Override
    protected int doCall() {
        ctx().out().println(ctx().messages().get("msg.fleet.usage"));
        return 0;
    }
}
