#!/usr/bin/env bash
# The secrets sweep (SecretsSweepTest, also in CI): a Learner Lab block given to the shell in a
# real terminal (tmux) in every way a terminal delivers it, then the screen, the history, every
# state file but the credentials file, the logs, and the arguments and environment of the shell
# and its children searched for the secret values. ROUNDS times (default 3).
# usage: bench/reliability/secrets.sh [ROUNDS]   (needs a JDK 17+, tmux, Moto)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
passed=0
for round in $(seq "$rounds"); do
  if (cd "$root" && ./mvnw -B -q -pl shell -am -Dtest=SecretsSweepTest -Dsurefire.failIfNoSpecifiedTests=false verify); then
    passed=$((passed + 1))
  else
    echo "round $round: secrets found or the sweep failed (see shell/target/surefire-reports)"
  fi
done
echo "secrets sweep: $passed of $rounds rounds clean (7 deliveries each)"
[ "$passed" = "$rounds" ]
