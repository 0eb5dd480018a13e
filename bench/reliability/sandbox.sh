#!/usr/bin/env bash
# Sandbox crashes and sharing (issue 14), written down in bench/reliability/RESULTS.md:
#  1. crash trials: a sandbox service killed with SIGKILL within half a second of its last
#     acknowledgement, TRIES times on one state directory (awslab.sandbox.SandboxCrashTrials):
#     tries, crashes, traces, hangs, losses, orphans, leaks;
#  2. two-shell runs: PAIRS times, two shells started at the same moment on a fresh state
#     directory, each changing a setting and asking `status`: one sandbox for both, no setting lost,
#     nothing left running once it is stopped.
# Linux (reads /proc). usage: bench/reliability/sandbox.sh [TRIES=100] [PAIRS=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
tries="${1:-100}"
pairs="${2:-20}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(java -version 2>&1 | head -1)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"

./mvnw -B -q -o -pl sandbox -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="sandbox/target/classes:sandbox/target/test-classes:$(cat sandbox/target/bench-classpath.txt)"
echo "== crash trials"
java -cp "$cp" awslab.sandbox.SandboxCrashTrials "$tries" | tail -4

jar=shell/target/awslab-shell-0.1.0-SNAPSHOT-all.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package
echo "== two-shell runs"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL || true
shared=0 duplicates=0 lost=0 failures=0 left=0
for run in $(seq "$pairs"); do
  home=$(mktemp -d)
  printf 'sandbox start --idle 30m\nstatus\n' >"$home/a.awslab"
  printf 'lang fr\nstatus\n' >"$home/b.awslab"
  export AWSLAB_HOME="$home" AWSLAB_SANDBOX_PORT=0 AWSLAB_SANDBOX_PACE=fast
  java -jar "$jar" --lang en --script "$home/a.awslab" >"$home/a.txt" 2>&1 & a=$!
  java -jar "$jar" --lang en --script "$home/b.awslab" >"$home/b.txt" 2>&1 & b=$!
  wait "$a" || failures=$((failures + 1))
  wait "$b" || failures=$((failures + 1))
  pids=$(grep -ohE '\((process|processus) [0-9]+\)' "$home/a.txt" "$home/b.txt" | grep -oE '[0-9]+' | sort -u | wc -l)
  sandboxes=$(pgrep -fc "awslab.sandbox.Main --home $home " || true)
  if [ "$pids" = 1 ] && [ "$sandboxes" = 1 ]; then shared=$((shared + 1)); else duplicates=$((duplicates + 1)); fi
  grep -q '^language=fr' "$home/settings.properties" && grep -q '^sandbox.idle=30m' "$home/settings.properties" || lost=$((lost + 1))
  java -jar "$jar" --lang en sandbox stop >/dev/null
  sleep 1
  remaining=$(grep -lsz "AWSLAB_SANDBOX=$home/sandbox" /proc/[0-9]*/environ 2>/dev/null | wc -l || true)
  left=$((left + remaining + $(pgrep -fc "awslab.sandbox.Main --home $home " || true)))
  [ "$run" -eq 1 ] || [ "$((run % 5))" -ne 0 ] || echo "run $run: shared $shared, duplicates $duplicates, lost settings $lost"
  rm -rf "$home"
done
echo "pairs $pairs, one sandbox shared $shared, duplicates $duplicates, settings lost $lost, shells failed $failures, processes left $left"
