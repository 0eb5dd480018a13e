#!/usr/bin/env python3
"""What each dependency weighs in the shell's jar.

Usage: weigh.py JAR CLASSPATH_FILE
Every entry of JAR is laid to the first jar of the class path (Maven's runtime class path, ':'
separated) that holds an entry of that name; the rest is the shell's own (its classes, i18n,
lessons, the web service's bundle). An entry weighs its compressed bytes plus its two zip
headers (local and central, with its name): what it costs in the file. Prints Markdown tables
by group and by artifact, largest first.
"""
import collections
import os
import re
import sys
import zipfile


def artifact(path):
    """group:artifact of a jar in the local Maven repository, from its path."""
    parts = path.split(os.sep)
    if "repository" in parts:
        i = parts.index("repository")
        return ".".join(parts[i + 1:-3]), parts[-3]
    m = re.search(r"([^/]+)/target/", path)  # a module of this build
    return "dev.awslab", "awslab-" + m.group(1) if m else os.path.basename(path)


def weight(info):
    name = len(info.filename.encode())
    return info.compress_size + 30 + name + 46 + name + len(info.extra) + len(info.comment)


def main(jar, classpath_file):
    owners = {}
    for path in open(classpath_file).read().strip().split(os.pathsep):
        if path.endswith(".jar") and os.path.isfile(path):
            for name in zipfile.ZipFile(path).namelist():
                owners.setdefault(name, artifact(path))
        elif os.path.isdir(path):
            for root, _, files in os.walk(path):
                for f in files:
                    owners.setdefault(os.path.relpath(os.path.join(root, f), path), artifact(path + "/"))
    by_artifact = collections.Counter()
    entries = collections.Counter()
    infos = zipfile.ZipFile(jar).infolist()
    for info in infos:
        owner = owners.get(info.filename, ("dev.awslab", "awslab-shell"))
        by_artifact[owner] += weight(info)
        entries[owner] += 1
    by_group = collections.Counter()
    for (group, _), size in by_artifact.items():
        by_group[group] += size
    total = os.path.getsize(jar)
    print(f"`{os.path.basename(jar)}`: {total:,} bytes ({total / 2**20:.1f} MiB), {len(infos):,} entries\n")
    print("| group | bytes | share |\n|---|---:|---:|")
    for group, size in by_group.most_common():
        print(f"| {group} | {size:,} | {100 * size / total:.1f} % |")
    print("\n| artifact | bytes | entries |\n|---|---:|---:|")
    for (group, name), size in by_artifact.most_common():
        print(f"| {group}:{name} | {size:,} | {entries[(group, name)]:,} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
