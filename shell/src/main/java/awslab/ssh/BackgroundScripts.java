package awslab.ssh;

/**
 * The POSIX {@code sh} scripts behind {@link RemoteShell}'s background jobs. A job runs under
 * GNU {@code timeout}, which makes itself a process-group leader: its pid (kept in
 * {@code ~/.awslab/NAME.pid}) names the whole group, so stopping it ends every process the
 * command started, and the limit ends them all too, even if nobody ever stops it.
 */
final class BackgroundScripts {
    static final int ALREADY_RUNNING = 3;
    static final int NOT_RUNNING = 3;

    private BackgroundScripts() {}

    /** True for a live process (a zombie left for a parent that does not reap is not live). */
    private static final String ALIVE = "alive() { kill -0 \"$1\" 2>/dev/null || return 1;"
            + " case \"$(cut -d')' -f2 /proc/\"$1\"/stat 2>/dev/null)\" in ' Z'*) return 1;; esac; return 0; }\n";

    static String start(String name, String command, long seconds) {
        return ALIVE + pidFile(name)
                + "mkdir -p \"$d\" || exit 1\n"
                + "if [ -f \"$f\" ] && alive \"$(cat \"$f\")\"; then cat \"$f\"; exit " + ALREADY_RUNNING + "; fi\n"
                + "nohup timeout " + seconds + " sh -c " + quote(command) + " </dev/null >/dev/null 2>&1 &\n"
                + "echo $! > \"$f\"\n"
                + "cat \"$f\"\n";
    }

    static String stop(String name) {
        return ALIVE + pidFile(name)
                + "[ -f \"$f\" ] || exit " + NOT_RUNNING + "\n"
                + "p=$(cat \"$f\"); rm -f \"$f\"\n"
                + "alive \"$p\" || exit " + NOT_RUNNING + "\n"
                + "kill -TERM -\"$p\" 2>/dev/null || kill -TERM \"$p\"\n"
                + "i=0; while alive \"$p\" && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "if alive \"$p\"; then kill -KILL -\"$p\" 2>/dev/null || kill -KILL \"$p\"; fi\n"
                + "exit 0\n";
    }

    static String status(String name) {
        return ALIVE + pidFile(name) + "[ -f \"$f\" ] && alive \"$(cat \"$f\")\"\n";
    }

    private static String pidFile(String name) {
        return "d=\"$HOME/.awslab\"; f=\"$d/" + name + ".pid\"\n";
    }

    /** Single-quotes {@code text} for {@code sh}. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
