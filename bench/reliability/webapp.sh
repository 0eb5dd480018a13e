#!/usr/bin/env bash
# The long run of the web-service corpus (the CI runs a short one: WebCorpusTest). With public
# tools only: a JDK, the Maven wrapper, and wrk for a GET flood alongside.
#
#   bench/reliability/webapp.sh                  # 100,000 hostile requests, seed 14, 60 s of wrk
#   REQUESTS=20000 SEED=7 bench/reliability/webapp.sh
#   WRK=0 bench/reliability/webapp.sh            # without the wrk flood
#   SERVICE_CLASSPATH=other-build-all.jar bench/reliability/webapp.sh   # judge another build
#
# The service runs in its own JVM with webapp/jvm.options (a t2.micro's flags) on 127.0.0.1,
# its instance metadata a local stand-in; nothing leaves the machine. In order: a flood of 100
# clients (each creating, reading, replacing and deleting its own tasks, then checking them),
# half the corpus, the other half while wrk floods GET /task with 200 connections; /health is
# asked every 100 ms throughout. It prints the figures of RESULTS.md (also kept in
# last-webapp.txt) and exits 1 if a request hung, failed a rule, or lost a task.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
requests=${REQUESTS:-100000}
seed=${SEED:-14}
wrk_seconds=${WRK:-60}

missing() { echo "reliability: '$1' is missing; install it with: sudo apt-get install $2" >&2; exit 1; }
command -v java >/dev/null || missing java openjdk-17-jdk-headless
if [[ "$wrk_seconds" != 0 ]]; then command -v wrk >/dev/null || missing wrk wrk; fi

echo "reliability: building the web service and its tests" >&2
(cd "$root" && ./mvnw -B -q -pl webapp -am test-compile)
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
(cd "$root" && ./mvnw -B -q -pl webapp dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file" >/dev/null)
classpath="$root/webapp/target/test-classes:$root/webapp/target/classes:$(cat "$classpath_file")"

{
  echo "machine:  $(nproc) CPU ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java:     $(java -version 2>&1 | head -n 1)"
  status=0
  java -cp "$classpath" awslab.webapp.ReliabilityMain --requests "$requests" --seed "$seed" --wrk "$wrk_seconds" \
    --jvm-options "$root/webapp/jvm.options" --service-classpath "${SERVICE_CLASSPATH:-$classpath}" || status=$?
  echo "exit:     $status"
} | tee "$here/last-webapp.txt"
grep -q '^exit:     0$' "$here/last-webapp.txt"
