#!/usr/bin/env bash
# The whole lab, both parts, in the sandbox, through the shell non-interactively
# (`java -jar … --script lab.awslab`): wall time, and peak memory of the shell JVM plus every
# process it starts (the sandbox service it starts in the background, the sandbox's instances
# and their SSH sessions), sampled from /proc every 0.5 s; then the sandbox's own memory once
# idle (the lab cleaned up, nothing running in it), and it is stopped. The sandbox runs at its
# standard pace (the one students get), not the tests' fast one, on any free port (this is a
# shared machine: never the fixed one another sandbox may hold).
# Linux only. usage: bench/lab/run.sh   (REBUILD=1 rebuilds the jar first; JAVA_FLAGS="…" adds JVM flags)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/shell/target/awslab-shell-0.1.0-SNAPSHOT-all.jar"
if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# The user's state is untouched; no credentials or endpoint in the environment: the SANDBOX target.
export AWSLAB_HOME="$home" AWS_EC2_METADATA_DISABLED=true AWSLAB_SANDBOX_PORT=0
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL AWS_REGION AWS_DEFAULT_REGION || true

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"

log="$home/lab.log"
start=$(date +%s.%N)
# every output line stamped with the seconds since the start, to see where the time goes
# shellcheck disable=SC2086 # JAVA_FLAGS holds several flags
/usr/bin/time -v -o "$home/time.txt" java ${JAVA_FLAGS:-} -jar "$jar" --lang en --script "$here/lab.awslab" \
  > >(python3 -u -c 'import sys, time
t = time.time()
for line in sys.stdin: print("%6.1f  %s" % (time.time() - t, line), end="")' >"$log") 2>&1 &
timer=$!
# the shell's JVM (started by /usr/bin/time, whose own command line holds the same words): wait, bounded, for it
jvm=
for _ in $(seq 50); do jvm=$(pgrep -n -f "^java .*-jar $jar --lang en --script" || true); [ -n "$jvm" ] && break; sleep 0.1; done
[ -n "$jvm" ] || { echo "the shell did not start" >&2; exit 1; }
python3 "$here/sample.py" "$jvm" "$home" "$home/peak.json" &
sampler=$!
set +e
wait "$timer"; code=$?
set -e
end=$(date +%s.%N)
wait "$sampler" || true

grep -E "^ *[0-9.]+  (After|Fleet|Instance|Busy|Group|Script|Error|Linux|Nothing|Starting)|scaled out|answers|error" "$log" | cut -c1-150 || true
echo "exit code: $code"
echo "wall time: $(echo "$end - $start" | bc) s"
echo "peak memory (shell JVM + every process it started): $(cat "$home/peak.json")"
grep -E "Maximum resident|Elapsed" "$home/time.txt"
# The sandbox outlives the shell, as it should: its own memory once idle, then stop it.
sandbox=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$home/sandbox/endpoint.json" 2>/dev/null || true)
if [ -n "$sandbox" ]; then
  sleep 10
  echo "sandbox idle (no instance; process $sandbox): RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$sandbox/status")," \
       "PSS $(awk '/^Pss:/ {printf "%.0f MiB", $2/1024}' "/proc/$sandbox/smaps_rollup")"
  java -jar "$jar" --lang en sandbox stop
else
  echo "no sandbox was left running" >&2
fi
left=$(pgrep -f "while : ; do : ; done" || true)
echo "busy loops left after the run: ${left:-none}"
[ "${KEEP_LOG:-0}" = 1 ] && cp "$log" "$here/last-run.log"
exit "$code"
