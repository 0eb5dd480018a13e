package awslab.cli;

import awslab.state.Damage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells the user of every state file found damaged and set aside: which file, where its content
 * is kept, and what goes on without it ({@code msg.state.damaged.<what>}). Files are read before
 * the shell can speak (the settings name its language), so what comes early waits for
 * {@link #attach}.
 *
 * <pre>
 * DamageNotices notices = new DamageNotices();
 * StateFiles files = new StateFiles(notices);
 * Settings settings = Settings.load(files, stateDir);   // may find a damaged file
 * notices.attach(session);                              // says so now
 * </pre>
 */
public final class DamageNotices implements Consumer<Damage> {
    private final List<Damage> pending = new ArrayList<>();
    private ShellSession session;

    @Override
    public synchronized void accept(Damage damage) {
        if (session == null) {
            pending.add(damage);
        } else {
            tell(damage);
        }
    }

    /** From now on, tells {@code session}'s user at once; first, what was found before. */
    public synchronized void attach(ShellSession shell) {
        this.session = shell;
        pending.forEach(this::tell);
        pending.clear();
    }

    private void tell(Damage damage) {
        session.warning("msg.state.damaged", damage.file(), damage.keptAs());
        session.warning("msg.state.damaged." + damage.what());
    }
}
