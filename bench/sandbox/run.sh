#!/usr/bin/env bash
# The lab's steps in the sandbox, driven by SDK calls: wall time per step, peak memory (RSS of the
# sandbox JVM plus every instance process), and each instance's memory. Linux (reads /proc).
# Usage: bench/sandbox/run.sh [webapp-main-class] [standard|fast]
#   default main: the test stub web service (awslab.sandbox.StubWebApp); after the webapp lands,
#   pass awslab.webapp.WebApp to measure the real lab web service.
set -euo pipefail
cd "$(dirname "$0")/../.."
main="${1:-awslab.sandbox.StubWebApp}"
pace="${2:-standard}"
./mvnw -B -q -o -pl sandbox -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="sandbox/target/classes:sandbox/target/test-classes:$(cat sandbox/target/bench-classpath.txt)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
/usr/bin/time -v java -cp "$cp" awslab.sandbox.SandboxBenchmark "$main" "$pace" 2> >(grep -E 'Maximum resident|Elapsed' >&2)
# The sandbox service's own memory while it waits, started as the shell starts it (its JVM flags),
# with the lab web service for its instance.
echo "Sandbox service, idle:"
java -cp "$cp" awslab.sandbox.SandboxIdleMemory awslab.webapp.WebApp 2>&1 | grep -E "^sandbox idle"
