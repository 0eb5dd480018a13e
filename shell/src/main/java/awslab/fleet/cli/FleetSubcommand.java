package awslab.fleet.cli;

import awslab.api.BaseCommand;
import awslab.api.ShellContext;
import awslab.fleet.FleetWiring;
import picocli.CommandLine.ParentCommand;

/** A {@code fleet} subcommand: the shell context and wiring come from its {@link FleetCommand}. */
abstract class FleetSubcommand extends BaseCommand {
    @ParentCommand
    FleetCommand parent;

    ShellContext shell() {
        return parent.shell();
    }

    FleetWiring wiring() {
        return parent.wiring();
    }

    void say(String key, Object... args) {
        shell().out().println(shell().messages().get(key, args));
    }
}
