#!/usr/bin/env bash
# Benchmarks the shell's start: time to the prompt, time to the first Java snippet's result, and
# memory at an idle prompt; compares with jshell and `aws --version`. Needs a JDK 17+ and python3.
# usage: bench/shell/run.sh [RUNS]   (results: print; write them down in RESULTS.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
jar=$(ls -t "$root"/shell/target/awslab-shell-*-all.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { "$root/mvnw" -q -B -DskipTests -f "$root/pom.xml" package </dev/null; jar=$(ls -t "$root"/shell/target/awslab-shell-*-all.jar | head -n 1); }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export AWSLAB_HOME="$home" AWS_EC2_METADATA_DISABLED=true
unset AWS_ACCESS_KEY_ID AWS_PROFILE AWS_ENDPOINT_URL || true

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)" MiB"}' /proc/meminfo), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
for i in $(seq "$runs"); do
  python3 "$here/measure.py" "java -jar" "awslab [en|sandbox]> " "1 + 1" "==> 2" -- java -jar "$jar" --lang en
done
# The launcher: C1 only, serial GC, class-data archive (made by a first run after each build).
[ "$jar.jsa" -nt "$jar" ] || printf '1 + 1\n' | "$root/awslab" --lang en >/dev/null
for i in $(seq "$runs"); do
  python3 "$here/measure.py" "./awslab" "awslab [en|sandbox]> " "1 + 1" "==> 2" -- "$root/awslab" --lang en
done
for i in $(seq "$runs"); do
  python3 "$here/measure.py" jshell "jshell> " "1 + 1" "==> 2" -- jshell
done
if command -v aws >/dev/null 2>&1; then
  for i in $(seq "$runs"); do
    /usr/bin/env time -f "{'name': 'aws --version', 'total_s': %e}" aws --version >/dev/null
  done
else
  echo "aws CLI not installed: skipped"
fi
# The self-contained download (./mvnw -Pdist package): its size, and the same start with its own
# Java runtime (jlink), which its launcher takes before any installed Java.
image=$(ls -t "$root"/shell/target/awslab-*-*.zip 2>/dev/null | grep -v -- '-portable.zip' | head -n 1 || true)
if [ -n "$image" ]; then
  unpacked=$(mktemp -d)
  unzip -q "$image" -d "$unpacked"
  dir=$(ls -d "$unpacked"/awslab-*)
  echo "image: $(basename "$image") $(du -b "$image" | cut -f1) bytes zipped, $(du -sb "$dir" | cut -f1) bytes unpacked (runtime/ $(du -sb "$dir/runtime" | cut -f1))"
  printf '1 + 1\n' | PATH=/usr/bin:/bin JAVA_HOME= "$dir/awslab" --lang en >/dev/null # its class-data archive, once
  for i in $(seq "$runs"); do
    python3 "$here/measure.py" "image ./awslab" "awslab [en|sandbox]> " "1 + 1" "==> 2" -- "$dir/awslab" --lang en
  done
  rm -rf "$unpacked"
else
  echo "no self-contained image: ./mvnw -Pdist package to measure it"
fi
