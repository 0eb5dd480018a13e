#!/usr/bin/env python3
"""Measures an interactive program in a pseudo-terminal: time until its prompt appears, time until
the answer to a first input appears (and the processor time its JVM used until then: wall time
on a shared machine depends on the load, processor time much less), and its memory (VmRSS,
VmHWM) at the idle prompt.

usage: measure.py NAME PROMPT INPUT ANSWER -- COMMAND...
       EXIT=exit measure.py …   types EXIT at the end and lets the program end by itself (so that
                                 a JVM writes its class-data archive), instead of killing it
"""
import fcntl, os, pty, select, struct, sys, termios, time


def read_until(fd, needle, deadline):
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if needle in seen:
                return True, seen
    return False, seen


def memory_kib(pid):
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0])
    return values


def cpu_seconds(pid):
    """User and system time of the process so far, in seconds (from /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)
    except OSError:
        return None


def java_child(pid):
    """The shell's JVM: the process itself, or the first java below a launcher script (not the
    sandbox's own child processes, which the shell starts in the background)."""
    for _ in range(3):
        try:
            with open(f"/proc/{pid}/comm") as comm:
                if comm.read().strip() == "java":
                    return pid
            with open(f"/proc/{pid}/task/{pid}/children") as children:
                kids = children.read().split()
        except OSError:
            return pid
        if not kids:
            return pid
        pid = int(kids[0])
    return pid


def main():
    name, prompt, first_input, answer = sys.argv[1:5]
    command = sys.argv[sys.argv.index("--") + 1:]
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    ok, _ = read_until(fd, prompt.encode(), start + 60)
    to_prompt = time.monotonic() - start
    result = {"name": name, "prompt_s": round(to_prompt, 2) if ok else None,
              "prompt_cpu_s": cpu_seconds(java_child(pid))}
    if first_input:
        os.write(fd, (first_input + "\n").encode())
        ok, _ = read_until(fd, answer.encode(), start + 120)
        result["first_result_s"] = round(time.monotonic() - start, 2) if ok else None
        result["first_result_cpu_s"] = cpu_seconds(java_child(pid))
        read_until(fd, prompt.encode(), time.monotonic() + 10)
        time.sleep(5)  # idle at the prompt, background warm-up finished
        result.update(memory_kib(java_child(pid)))
    if os.environ.get("EXIT"):
        os.write(fd, (os.environ["EXIT"] + "\n").encode())
        read_until(fd, b"\0", time.monotonic() + 60)  # until it ends (EOF)
    else:
        os.kill(pid, 9)
    os.waitpid(pid, 0)
    print(result, flush=True)


if __name__ == "__main__":
    main()
