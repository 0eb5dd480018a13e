#!/usr/bin/env bash
# The REPL fuzz, long: LINES seeded random lines (default 10,000) typed into the real REPL —
# commands, typos, Java good and bad, Java that tries to exit or never stop, pathological and
# credential lines — counting crashes, traces, hangs, losses and leaks (see
# shell/src/test/java/awslab/cli/ReplFuzz.java). CI runs 200 lines on every build (ReplFuzzTest).
# usage: bench/reliability/repl-fuzz.sh [LINES] [SEED]   (needs a JDK 17+; prints the figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lines=${1:-10000}
seed=${2:-20261130}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)" MiB"}' /proc/meminfo), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
start=$(date +%s)
status=0
(cd "$root" && ./mvnw -B -q -pl shell -am -Dtest=ReplFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.lines="$lines" -Dfuzz.seed="$seed" -Dsurefire.timeout=0 verify) || status=$?
cat "$root/shell/target/repl-fuzz.txt" 2>/dev/null || echo 'no figures: the run did not finish'
echo "wall: $(( $(date +%s) - start )) s"
exit "$status"
