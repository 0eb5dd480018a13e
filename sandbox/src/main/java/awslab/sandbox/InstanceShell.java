package awslab.sandbox;

import awslab.state.StateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an SSH session on a sandbox instance runs in, so that it feels like the lab's Ubuntu
 * instance as far as a folder on the student's computer can: bash (where the computer has it)
 * in a real terminal, an {@code ubuntu@ip-172-31-…:~$} prompt, the instance's own host name and
 * home, a login message in the student's language saying where the web service really listens,
 * and the lab's look-around commands: {@code curl localhost/task} and the metadata address
 * {@code 169.254.169.254} reach the instance's own servers; {@code sudo}, {@code apt},
 * {@code systemctl}, {@code reboot} say plainly why the sandbox does not do them.
 *
 * <p>The shell functions live in {@code instances/ID/etc/} (one file per language), sourced by
 * every shell of the instance: interactive bash through {@code --rcfile}, commands through
 * {@code BASH_ENV}, a plain {@code sh} through {@code ENV}.
 *
 * <pre>
 * InstanceShell shell = InstanceShell.prepare(instanceDir);
 * builder.command(shell.interactive()).environment().putAll(shell.environment(login, texts));
 * </pre>
 */
final class InstanceShell {
    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    static final boolean WINDOWS = OS.startsWith("windows");
    private static final Path BASH = List.of(Path.of("/bin/bash"), Path.of("/usr/bin/bash"), Path.of("/usr/local/bin/bash")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);
    /** util-linux's {@code script}: a real pseudo-terminal, so that typing echoes, readline edits and Ctrl-C interrupts. */
    private static final boolean SCRIPT = Files.isExecutable(Path.of("/usr/bin/script")) && OS.contains("linux");

    /** What a session needs to know of its instance, read at each session (ports change at each boot). */
    record Login(String instanceId, String hostname, String publicIp, int publicWebPort, int webPort, int metadataPort,
            Path serviceLog) {
        /** The short host name, as the prompt shows it ({@code ip-172-31-5-9}). */
        String shortHostname() {
            int dot = hostname.indexOf('.');
            return dot < 0 ? hostname : hostname.substring(0, dot);
        }
    }

    private final Path home;
    private final Path etc;

    private InstanceShell(Path home, Path etc) {
        this.home = home;
        this.etc = etc;
    }

    /** Writes the instance's shell files (its {@code etc/}), once per boot. */
    static InstanceShell prepare(Path instanceDir) {
        Path etc = instanceDir.resolve("etc");
        InstanceShell shell = new InstanceShell(instanceDir.resolve("home"), etc);
        for (String language : List.of("en", "fr")) {
            StateFiles.write(etc.resolve("awslab-" + language + ".sh"), functions(SandboxTexts.forLang(language)),
                    StateFiles.Access.PLAIN);
        }
        StateFiles.write(etc.resolve("bash.bashrc"), BASHRC, StateFiles.Access.PLAIN);
        StateFiles.write(etc.resolve("shrc"), SHRC, StateFiles.Access.PLAIN);
        return shell;
    }

    Path home() {
        return home;
    }

    /** The interactive shell: bash in a pseudo-terminal where the computer has both, else what it has. */
    List<String> interactive() {
        if (WINDOWS) {
            return List.of("cmd.exe");
        }
        String shell = BASH != null ? "exec " + BASH + " --rcfile " + quote(etc.resolve("bash.bashrc").toString()) + " -i"
                : "exec /bin/sh -i";
        return SCRIPT ? List.of("/usr/bin/script", "-q", "-f", "-c", shell, "/dev/null")
                : BASH != null ? List.of(BASH.toString(), "--rcfile", etc.resolve("bash.bashrc").toString(), "-i")
                : List.of("/bin/sh", "-i");
    }

    /** Whether {@link #interactive()} runs inside a real pseudo-terminal (which then translates line ends itself). */
    static boolean inTerminal() {
        return SCRIPT && !WINDOWS;
    }

    /** How a command line runs: bash (with the instance's functions), else {@code /bin/sh -c}, or {@code cmd.exe /c} on Windows. */
    static List<String> exec(String command) {
        return WINDOWS ? List.of("cmd.exe", "/c", command)
                : BASH != null ? List.of(BASH.toString(), "-c", command) : List.of("/bin/sh", "-c", command);
    }

    /** The session's environment: who and where it is, and where the instance's servers really listen. */
    Map<String, String> environment(Login login, SandboxTexts texts) {
        Map<String, String> env = new LinkedHashMap<>();
        String functions = etc.resolve("awslab-" + texts.language() + ".sh").toString();
        env.put("HOME", home.toString());
        env.put("USER", InstanceSsh.USER);
        env.put("LOGNAME", InstanceSsh.USER);
        env.put("HOSTNAME", login.shortHostname());
        env.put("SHELL", BASH != null ? BASH.toString() : "/bin/sh");
        env.put("LANG", "C.UTF-8"); // the student's LANG chose the texts; the computer may not have that locale
        env.put("AWSLAB_ENV", functions);
        env.put("BASH_ENV", functions);
        env.put("ENV", etc.resolve("shrc").toString());
        env.put("AWSLAB_INSTANCE_ID", login.instanceId());
        env.put("AWSLAB_HOSTNAME", login.shortHostname());
        env.put("AWSLAB_PUBLIC_IP", login.publicIp() == null ? "" : login.publicIp());
        env.put("AWSLAB_WEB_PORT", String.valueOf(login.webPort()));
        env.put("AWSLAB_PUBLIC_WEB_PORT", String.valueOf(login.publicWebPort()));
        env.put("AWSLAB_METADATA_PORT", String.valueOf(login.metadataPort()));
        env.put("AWSLAB_SERVICE_LOG", login.serviceLog().toString());
        return env;
    }

    /** The login message of an interactive session, with the terminal's line ends. */
    static String motd(Login login, SandboxTexts texts, String newline) {
        String publicAddress = login.publicIp() == null ? "PUBLIC-IP" : login.publicIp();
        return String.join(newline, texts.get("sandbox.motd.welcome", login.instanceId(), login.shortHostname()), "",
                texts.get("sandbox.motd.web", String.valueOf(login.publicWebPort()), publicAddress),
                texts.get("sandbox.motd.limits"), "", texts.get("sandbox.motd.exit"), "", "");
    }

    private static final String BASHRC = """
            # awslab sandbox: the instance's /etc/bash.bashrc (interactive bash)
            . "$AWSLAB_ENV"
            PS1='\\[\\e[01;32m\\]ubuntu@'"$AWSLAB_HOSTNAME"'\\[\\e[00m\\]:\\[\\e[01;34m\\]\\w\\[\\e[00m\\]$ '
            if [ -n "$COLUMNS" ] && [ -n "$LINES" ]; then stty cols "$COLUMNS" rows "$LINES" 2>/dev/null; fi
            if [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi
            cd "$HOME" || true
            """;

    private static final String SHRC = """
            # awslab sandbox: an interactive sh's profile (ENV)
            . "$AWSLAB_ENV"
            PS1="ubuntu@$AWSLAB_HOSTNAME:~\\$ "
            """;

    /** The shell functions of one language: POSIX sh, so that bash and a plain sh both read them. */
    private static String functions(SandboxTexts texts) {
        return """
                # awslab sandbox: the lab's Ubuntu instance, as far as a folder on your computer can be one.
                # Sourced by every shell of the instance (bash: --rcfile and BASH_ENV; sh: ENV).
                hostname() { printf '%s\\n' "$AWSLAB_HOSTNAME"; }
                # The instance's own addresses, where they really listen: its web service (port 80 on AWS) and its metadata.
                awslab_url() {
                  awslab_hosts='localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0'
                  if [ -n "$AWSLAB_PUBLIC_IP" ]; then awslab_hosts="$awslab_hosts|$AWSLAB_PUBLIC_IP"; fi
                  printf '%s\\n' "$1" | sed -E \\
                    -e "s#^(http://)?($awslab_hosts)(:80)?([/?].*)?\\$#http://127.0.0.1:$AWSLAB_WEB_PORT\\4#" \\
                    -e "s#^(http://)?169\\.254\\.169\\.254(:80)?([/?].*)?\\$#http://127.0.0.1:$AWSLAB_METADATA_PORT\\3#"
                }
                awslab_fetch() {
                  awslab_tool=$1; shift
                  if ! command -v "$awslab_tool" >/dev/null 2>&1; then printf '@MISSING@\\n' "$awslab_tool" >&2; return 127; fi
                  for awslab_arg do shift; set -- "$@" "$(awslab_url "$awslab_arg")"; done
                  command "$awslab_tool" "$@"
                }
                curl() { awslab_fetch curl "$@"; }
                wget() { awslab_fetch wget "$@"; }
                sudo() { printf '@SUDO@\\n' "$*" >&2; return 1; }
                awslab_apt() { printf '@APT@\\n' "$1" >&2; return 100; }
                apt() { awslab_apt apt; }
                snap() { awslab_apt snap; }
                systemctl() {
                  case " $* " in
                    *" status "*) printf '@STATUS@\\n' "$AWSLAB_PUBLIC_WEB_PORT" "$AWSLAB_SERVICE_LOG" ;;
                    *) printf '@OTHER@\\n' >&2; return 1 ;;
                  esac
                }
                journalctl() { tail -n 30 "$AWSLAB_SERVICE_LOG"; }
                reboot() { printf '@POWER@\\n' reboot >&2; return 1; }
                shutdown() { printf '@POWER@\\n' shutdown >&2; return 1; }
                poweroff() { printf '@POWER@\\n' poweroff >&2; return 1; }
                if [ -n "$BASH_VERSION" ]; then # a name with a hyphen: bash only
                  eval 'apt-get() { awslab_apt apt-get; }'
                fi
                """
                .replace("@MISSING@", printable(texts.get("sandbox.cmd.missing")))
                .replace("@SUDO@", printable(texts.get("sandbox.cmd.sudo")))
                .replace("@APT@", printable(texts.get("sandbox.cmd.apt")))
                .replace("@STATUS@", printable(texts.get("sandbox.cmd.systemctl.status")))
                .replace("@OTHER@", printable(texts.get("sandbox.cmd.systemctl.other")))
                .replace("@POWER@", printable(texts.get("sandbox.cmd.power")));
    }

    /** A text as a printf format inside single quotes: its own {@code %s} kept, quotes and backslashes escaped. */
    private static String printable(String text) {
        return text.replace("\\", "\\\\").replace("%s", "\u0000").replace("%", "%%").replace("\u0000", "%s")
                .replace("\n", "\\n").replace("'", "'\\''");
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
