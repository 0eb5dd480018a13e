package awslab.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ends the SSH sessions' processes even when the sandbox is killed outright (SIGKILL, no shutdown
 * hook). Each session runs in its own session ({@code setsid}); a tiny {@code /bin/sh} reaper
 * reads those session ids on its standard input, which the sandbox holds open; when the sandbox
 * dies the pipe closes and the reaper kills every process of every session it was told about
 * ({@code pkill -s}: by session, because {@code timeout} moves its command to a process group of
 * its own) — a {@code while : ; do : ; done} loop included. Without {@code setsid} (macOS, Windows) sessions
 * run as plain children and only a normal exit or Ctrl-C ends them.
 *
 * <p>Every wrapped command also carries the sandbox's mark in its environment (see
 * {@link OrphanSweep}), which its children inherit: were the reaper killed too, the next sandbox
 * on the same state directory would still find and end them.
 *
 * <pre>
 * ProcessReaper reaper = ProcessReaper.start(OrphanSweep.marker(home));
 * List&lt;String&gt; command = reaper.wrap(List.of("/bin/sh", "-c", "pwd"));
 * reaper.watch(process.pid());
 * </pre>
 */
final class ProcessReaper implements AutoCloseable {
    /** Reads "PID" (watch) and "-PID" (forget) lines; at end of input kills the groups still watched. */
    private static final String SCRIPT = "groups=''; while read -r line; do case \"$line\" in"
            + " -*) kept=''; for g in $groups; do [ \"$g\" = \"${line#-}\" ] || kept=\"$kept $g\"; done; groups=$kept ;;"
            + " *) groups=\"$groups $line\" ;; esac; done;"
            + " for g in $groups; do pkill -9 -s \"$g\" 2>/dev/null; kill -9 \"-$g\" 2>/dev/null; done";

    private final Optional<Path> setsid;
    private final Process reaper;
    private final OutputStream pipe;
    private final String marker;

    private ProcessReaper(Optional<Path> setsid, Process reaper, String marker) {
        this.setsid = setsid;
        this.reaper = reaper;
        this.pipe = reaper == null ? null : reaper.getOutputStream();
        this.marker = marker;
    }

    /** {@code env}, to put the mark in a command's environment (not on Windows). */
    private static final Optional<Path> ENV = List.of(Path.of("/usr/bin/env"), Path.of("/bin/env")).stream()
            .filter(Files::isExecutable).findFirst();

    private static final Optional<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst();

    /**
     * The command in a session of its own when {@code setsid} exists: out of the terminal's
     * process group, so a Ctrl-C typed at the shell's prompt (SIGINT to the whole foreground
     * group) does not kill the sandbox's instances.
     */
    static List<String> detached(List<String> command) {
        return SETSID.map(setsid -> java.util.stream.Stream.concat(java.util.stream.Stream.of(setsid.toString()), command.stream()).toList())
                .orElse(command);
    }

    /** @param marker the sandbox's mark, put in every wrapped command's environment ({@link OrphanSweep#marker}) */
    static ProcessReaper start(String marker) {
        Optional<Path> setsid = SETSID;
        if (setsid.isEmpty()) {
            return new ProcessReaper(setsid, null, marker);
        }
        try {
            Process reaper = new ProcessBuilder(detached(List.of("/bin/sh", "-c", SCRIPT))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new ProcessReaper(setsid, reaper, marker);
        } catch (IOException e) {
            return new ProcessReaper(Optional.empty(), null, marker);
        }
    }

    /** The sandbox's mark (its home directory), as the processes it starts carry it. */
    String marker() {
        return marker;
    }

    /**
     * The command with the sandbox's mark in its environment, run as the leader of a session of
     * its own when the reaper works.
     */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        if (reaper != null) {
            wrapped.add(setsid.get().toString());
        }
        ENV.ifPresent(env -> {
            wrapped.add(env.toString());
            wrapped.add(OrphanSweep.VARIABLE + "=" + marker);
        });
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }

    /** True when {@link #wrap} starts each command as the leader of a session of its own (whose id is its pid). */
    boolean separatesSessions() {
        return reaper != null;
    }

    /**
     * The live processes of these sessions by session id, read from {@code /proc} (field 6 of
     * {@code /proc/PID/stat}): those a command left in the background after it ended, now
     * children of {@code init}, included. Empty where there is no {@code /proc}.
     */
    static Map<Long, List<ProcessHandle>> sessionMembers(Set<Long> sessionIds) {
        Map<Long, List<ProcessHandle>> members = new HashMap<>();
        if (sessionIds.isEmpty() || !Files.isDirectory(PROC)) {
            return members;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long session = sessionOf(entry);
                if (session > 0 && sessionIds.contains(session)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString()))
                            .ifPresent(p -> members.computeIfAbsent(session, s -> new ArrayList<>()).add(p));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc changed while being read: the next call sees the rest
        }
        return members;
    }

    private static final Path PROC = Path.of("/proc");

    /** The session id in {@code /proc/PID/stat}, or 0 if the process is gone (a name may hold spaces and parentheses). */
    private static long sessionOf(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"), StandardCharsets.ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[0].equals("Z") ? 0 : Long.parseLong(fields[3]); // state ppid pgrp session
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Tells the reaper about a process group leader started through {@link #wrap}. */
    void watch(long pid) {
        send(pid + "\n");
    }

    /** The group's leader has ended: its id may be reused, so the reaper must not kill it any more. */
    void forget(long pid) {
        send("-" + pid + "\n");
    }

    private synchronized void send(String line) {
        if (pipe == null) {
            return;
        }
        try {
            pipe.write(line.getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            // the reaper is gone: a normal close still ends every session
        }
    }

    @Override
    public synchronized void close() {
        if (reaper != null) {
            try {
                pipe.close(); // the reaper kills what is left of the groups, then exits
                reaper.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IOException e) {
                reaper.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reaper.destroyForcibly();
            }
        }
    }
}
