#!/usr/bin/env bash
# Benchmarks the shell's start: time to the prompt, time to the first Java snippet's result, and
# memory at an idle prompt; compares with jshell and `aws --version`. Needs a JDK 17+ and python3.
# usage: bench/shell/run.sh [RUNS]   (results: print; write them down in RESULTS.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
jar="$root/shell/target/awslab-shell-0.1.0-SNAPSHOT-all.jar"
[ -f "$jar" ] || "$root/mvnw" -q -B -DskipTests -f "$root/pom.xml" package
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
