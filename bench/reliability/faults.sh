#!/usr/bin/env bash
# Fault trials: `launch` then `cleanup` through the whole shell on Moto, behind the fault proxy
# (shell/src/test/java/awslab/testing/FaultProxy.java), which misbehaves once or twice on a call
# picked at random with a fault picked at random (delay, throttling, 5xx, a cut connection, a
# truncated answer, 401 AuthFailure, ExpiredToken, an answer dropped after the call was done).
# Each trial is checked for duplicates, false failures, stack traces, unclear errors, untagged
# resources, leftovers after cleanup, and hangs. Needs Moto (python3 -m moto.server).
# usage: bench/reliability/faults.sh [TRIALS] [SEED]     (default 100 trials, seed 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl shell -am test-compile dependency:build-classpath -Dmdep.outputFile=target/faults-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="shell/target/classes:shell/target/test-classes:$(cat shell/target/faults-classpath.txt)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
export AWS_EC2_METADATA_DISABLED=true
exec java -cp "$cp" awslab.reliability.FaultTrials "${1:-100}" "${2:-1}"
