"""Samples the memory of a process tree every 0.5 s from /proc until the root exits.

The tree: the root, its descendants, and every process working in the state directory (what an
SSH command leaves in the background on a sandbox instance, in the instance's home, is
reparented to init). Prints one JSON object: peaks of the summed RSS and PSS (PSS shares pages fairly,
so it does not count the JVMs' shared libraries several times), of the root alone, and of the
number of processes; and at the RSS peak, each process over 4 MiB (what it is, its RSS in MiB).
usage: python3 sample.py ROOT_PID STATE_DIR OUT_FILE
"""
import json
import os
import sys
import time


def stat(pid):
    """The parent and session ids of a process (its name may hold spaces and parentheses)."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        text = f.read().decode("latin-1")
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[3])  # ppid, session


def kib(pid, path, key):
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def works_in(pid, state_dir):
    try:
        return os.readlink(f"/proc/{pid}/cwd").startswith(state_dir)
    except OSError:
        return False


def tree(root, state_dir):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = stat(entry)[0]
            except (OSError, ValueError, IndexError):
                pass
    members = {root} | {pid for pid in parents if works_in(pid, state_dir)}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if pid not in members and ppid in members:
                members.add(pid)
                grew = True
    return members


def role(pid):
    """What a process is, in a word: the shell, the sandbox, an instance, or its command's name."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            line = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "?"
    for marker, name in (("awslab.sandbox.Main", "sandbox"), ("awslab.sandbox.InstanceMain", "instance"), ("-jar", "shell")):
        if marker in line:
            return name
    return line.split(" ")[0].rsplit("/", 1)[-1]


def main():
    root, state_dir, out = int(sys.argv[1]), os.path.realpath(sys.argv[2]), sys.argv[3]
    peak = {"rss_mib": 0.0, "pss_mib": 0.0, "root_rss_mib": 0.0, "processes": 0, "samples": 0}
    while os.path.exists(f"/proc/{root}"):
        members = tree(root, state_dir)
        sizes = {p: kib(p, "status", "VmRSS:") for p in members}
        rss = sum(sizes.values()) / 1024
        pss = sum(kib(p, "smaps_rollup", "Pss:") for p in members) / 1024
        if rss > peak["rss_mib"]:
            peak["at_peak"] = sorted((f"{role(p)} {sizes[p] // 1024}" for p in members if sizes[p] > 4096), reverse=True)
        peak["rss_mib"] = max(peak["rss_mib"], round(rss, 1))
        peak["pss_mib"] = max(peak["pss_mib"], round(pss, 1))
        peak["root_rss_mib"] = max(peak["root_rss_mib"], round(kib(root, "status", "VmRSS:") / 1024, 1))
        peak["processes"] = max(peak["processes"], len(members))
        peak["samples"] += 1
        with open(out, "w") as f:
            json.dump(peak, f)
        time.sleep(0.5)


main()
