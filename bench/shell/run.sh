#!/usr/bin/env bash
# shellcheck disable=SC2012,SC2010 # the jar and archive names are plain words
# Benchmarks the shell's start: time to the prompt, time to the first Java snippet's result
# (typed as soon as the prompt shows), processor time until then, and memory at an idle prompt;
# side by side with jshell in the same rounds, and `aws --version`. Needs a JDK 17+ and python3.
# Each round runs every program once, so that the machine's load weighs on all alike.
# usage: [OTHER_JAVA_HOME=DIR] bench/shell/run.sh [RUNS]   (results: print; write them down in RESULTS.md)
# OTHER_JAVA_HOME: also start ./awslab on that Java (e.g. a JDK 25 beside the default 17).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
jar=$(ls -t "$root"/shell/target/awslab-shell-*-all.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { "$root/mvnw" -q -B -DskipTests -f "$root/pom.xml" package </dev/null; jar=$(ls -t "$root"/shell/target/awslab-shell-*-all.jar | head -n 1); }
home=$(mktemp -d)
export AWS_EC2_METADATA_DISABLED=true
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL || true
# An endpoint nothing listens on: the `endpoint` target without a network (its account look-up fails at once).
endpoint=http://127.0.0.1:9

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)" MiB"}' /proc/meminfo), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
# The launcher's class-data archive (Java 17–21), made as users make it: at the end of a first
# interactive session after a build. A session more when it is there already.
AWSLAB_HOME="$home/train" EXIT=exit python3 "$here/measure.py" "archive" "awslab [en|endpoint]> " "1 + 1" "==> 2" \
  -- "$root/awslab" --lang en --endpoint-url "$endpoint" >/dev/null
# The sandbox runs as a service of its own, which outlives the shell: stopped before its folder goes.
export AWSLAB_SANDBOX_PORT=0
stop_sandbox() {
  if [ -d "$home/state/sandbox" ]; then
    AWSLAB_HOME="$home/state" java -jar "$jar" --lang en sandbox stop >/dev/null 2>&1 || true
  fi
}
trap 'stop_sandbox; rm -rf "$home"' EXIT
fresh() { stop_sandbox; rm -rf "$home/state"; mkdir -p "$home/state"; echo "$home/state"; }
for _ in $(seq "$runs"); do
  AWSLAB_HOME=$(fresh) python3 "$here/measure.py" "./awslab (sandbox)" "awslab [en|sandbox]> " "1 + 1" "==> 2" \
    -- "$root/awslab" --lang en
  AWSLAB_HOME=$(fresh) python3 "$here/measure.py" "./awslab (endpoint)" "awslab [en|endpoint]> " "1 + 1" "==> 2" \
    -- "$root/awslab" --lang en --endpoint-url "$endpoint"
  if [ -n "${OTHER_JAVA_HOME:-}" ]; then # another Java, as a user whose JAVA_HOME points there runs it
    AWSLAB_HOME=$(fresh) JAVA_HOME="$OTHER_JAVA_HOME" python3 "$here/measure.py" "./awslab (sandbox, $(basename "$OTHER_JAVA_HOME"))" \
      "awslab [en|sandbox]> " "1 + 1" "==> 2" -- "$root/awslab" --lang en
  fi
  AWSLAB_HOME=$(fresh) python3 "$here/measure.py" "java -jar (endpoint)" "awslab [en|endpoint]> " "1 + 1" "==> 2" \
    -- java -jar "$jar" --lang en --endpoint-url "$endpoint"
  python3 "$here/measure.py" jshell "jshell> " "1 + 1" "==> 2" -- jshell
done
if command -v aws >/dev/null 2>&1; then
  for _ in $(seq "$runs"); do
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
  printf '1 + 1\n' | AWSLAB_HOME=$(fresh) PATH=/usr/bin:/bin JAVA_HOME='' "$dir/awslab" --lang en >/dev/null # its class-data archive, once
  for _ in $(seq "$runs"); do
    AWSLAB_HOME=$(fresh) python3 "$here/measure.py" "image ./awslab" "awslab [en|sandbox]> " "1 + 1" "==> 2" -- "$dir/awslab" --lang en
  done
  rm -rf "$unpacked"
else
  echo "no self-contained image: ./mvnw -Pdist package to measure it"
fi
