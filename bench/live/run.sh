#!/usr/bin/env bash
# The live run: lessons 0–3 through the shell on a real AWS account (or a Learner Lab), under a
# ceiling of instances and minutes checked before anything is spent; it measures what only AWS
# shows, always cleans up (after a failure, at the ceiling, on Ctrl-C), proves nothing tagged is
# left, and appends its results to bench/live/RESULTS.md. CI runs the same harness on the sandbox.
#
#   bench/live/run.sh --target aws --profile default --region us-east-1 --max-minutes 60 --yes
#   bench/live/run.sh --target sandbox --fast --results /tmp/live.md
#
# With a Learner Lab: copy the AWS CLI block (AWS Details → AWS CLI → Show) into ~/.aws/credentials
# as a profile and pass --profile, or export its three values as AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; labsuser.pem in this folder, Downloads or ~/.ssh.
# Needs a JDK 17+ (the Maven wrapper builds the classes on first use). Exit codes: see LiveRun.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl shell -am test-compile dependency:build-classpath -Dmdep.outputFile=target/live-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="shell/target/classes:shell/target/test-classes:$(cat shell/target/live-classpath.txt)"
export AWS_EC2_METADATA_DISABLED=true
exec java -cp "$cp" awslab.live.LiveRun "$@"
