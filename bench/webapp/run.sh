#!/usr/bin/env bash
# Benchmark of the lab web service, with public tools only: wrk, curl and GNU time.
#
#   bench/webapp/run.sh                 # the JVM flags of webapp/jvm.options
#   JVM_OPTS='-Xmx128m' bench/webapp/run.sh
#   DURATION=30 bench/webapp/run.sh     # seconds per wrk run (default 10)
#   CDS=1 bench/webapp/run.sh           # first record an AppCDS archive of the service's classes
#   NICE=-20 bench/webapp/run.sh        # (root) on a busy shared machine, run service and wrk
#                                       # ahead of other processes, closer to a dedicated vCPU
#
# Measures: process start -> first HTTP 200 on /task; GET /task throughput and p50/p99 latency
# at 1 and 50 connections; resident memory after start and at its peak. Everything runs on
# 127.0.0.1; the metadata endpoint is a closed loopback port, so nothing leaves the machine.
# With 2 or more CPUs the service is pinned to one CPU (a t2.micro has one vCPU) and wrk to
# the others, so the load generator does not steal the service's CPU; PIN=0 turns that off.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${DURATION:-10}
port=${PORT:-18080}
pin=${PIN:-1}
jvm_opts=${JVM_OPTS:-$(head -n 1 "$root/webapp/jvm.options")}

missing() { echo "bench: '$1' is missing; install it with: sudo apt-get install $2" >&2; exit 1; }
command -v wrk >/dev/null || missing wrk wrk
command -v curl >/dev/null || missing curl curl
[[ -x /usr/bin/time ]] || missing /usr/bin/time time
command -v java >/dev/null || missing java openjdk-17-jre-headless

shopt -s nullglob
jars=("$root"/webapp/target/awslab-webapp-*-all.jar)
if [[ ${#jars[@]} -eq 0 ]]; then
  echo "bench: building the runnable jar" >&2
  (cd "$root" && ./mvnw -B -q -pl webapp -am package -DskipTests)
  jars=("$root"/webapp/target/awslab-webapp-*-all.jar)
fi
jar=${jars[0]}
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "bench: port $port is in use; choose another with PORT=..." >&2; exit 1
fi

cpus=$(nproc)
server_pin=() wrk_pin=()
if [[ -n "${NICE:-}" ]]; then
  server_pin=(nice -n "$NICE") wrk_pin=(nice -n "$NICE")
fi
if [[ "$pin" == 1 && "$cpus" -ge 2 ]] && command -v taskset >/dev/null; then
  server_pin+=(taskset -c 0)
  wrk_pin+=(taskset -c "1-$((cpus - 1))")
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

wait_for_200() {                                 # at most 2000 x ~5 ms = 10 s
  for _ in $(seq 1 2000); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/task")" == 200 ]] && return 0
    sleep 0.005
  done
  return 1
}

if [[ "${CDS:-0}" == 1 ]]; then
  # Application class-data sharing (JDK 13+): run once, let the JVM write the classes it loaded
  # at exit, and map them at later starts instead of loading and verifying them again.
  archive="$work/webapp.jsa"
  # shellcheck disable=SC2086
  java -XX:ArchiveClassesAtExit="$archive" $jvm_opts -jar "$jar" --bind 127.0.0.1 --port "$port" \
    --metadata-endpoint http://127.0.0.1:9 >"$work/cds.log" 2>&1 &
  recorder=$!; server=$recorder
  wait_for_200 || { echo "bench: the CDS recording run did not start" >&2; exit 1; }
  curl -s -o /dev/null "http://127.0.0.1:$port/"
  kill -TERM "$recorder"; wait "$recorder" || true; server=""
  [[ -s "$archive" ]] || { echo "bench: no CDS archive written" >&2; cat "$work/cds.log" >&2; exit 1; }
  jvm_opts="$jvm_opts -XX:SharedArchiveFile=$archive"
fi

# Start -> first 200: GNU time runs java (and reports its peak RSS when it exits).
start=$(now_ms)
# shellcheck disable=SC2086 # the JVM options are one line of separate words
"${server_pin[@]}" /usr/bin/time -v -o "$work/time.txt" \
  java $jvm_opts -jar "$jar" --bind 127.0.0.1 --port "$port" ${APP_ARGS:-} --metadata-endpoint http://127.0.0.1:9 \
  >"$work/server.log" 2>&1 &
timer=$!
wait_for_200 || { echo "bench: no 200 within 10 s" >&2; cat "$work/server.log" >&2; exit 1; }
first_200=$(( $(now_ms) - start ))
server=$(pgrep -P "$timer" java || pgrep -P "$(pgrep -P "$timer" | head -n 1)" java)
rss_kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$server/status"; }
rss_after_start=$(rss_kb VmRSS)

url="http://127.0.0.1:$port/task"
run_wrk() { "${wrk_pin[@]}" wrk --latency -t "$1" -c "$2" -d "${3}s" "$url"; }
field() { awk -v k="$1" '$1 == k {print $2}'; }

# CPU time the service used (user + system), in clock ticks: requests per CPU-second is a
# measure that stays meaningful when other processes share the machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
requests() { awk '/requests in/ {print $1}'; }

run_wrk 1 10 5 >/dev/null                         # warm-up: let the JIT compile the hot path
one=$(run_wrk 1 1 "$duration")
ticks_before=$(cpu_ticks)
fifty=$(run_wrk 2 50 "$duration")
ticks_used=$(( $(cpu_ticks) - ticks_before ))
cpu_us_per_request=$(( ticks_used * 1000000 / $(getconf CLK_TCK) / $(echo "$fifty" | requests) ))
rss_after_load=$(rss_kb VmRSS)
peak_status=$(rss_kb VmHWM)

kill -TERM "$server"; server=""
wait "$timer" || true
peak_time=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")

echo "$one" > "$here/last-wrk-1.txt"
echo "$fifty" > "$here/last-wrk-50.txt"
cat <<REPORT
machine: $(nproc) CPU ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM
java:    $(java -version 2>&1 | head -n 1)
flags:   $jvm_opts
pinning: service ${server_pin[*]:-none}, wrk ${wrk_pin[*]:-none}
date:    $(date -u +%Y-%m-%dT%H:%MZ)
load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min averages before the end of the run)

start -> first 200 on /task:   ${first_200} ms
GET /task, 1 connection:      $(echo "$one" | field Requests/sec:) req/s, p50 $(echo "$one" | field 50%), p99 $(echo "$one" | field 99%)
GET /task, 50 connections:    $(echo "$fifty" | field Requests/sec:) req/s, p50 $(echo "$fifty" | field 50%), p99 $(echo "$fifty" | field 99%)
service CPU per request:       ${cpu_us_per_request} us
RSS after start:               $((rss_after_start / 1024)) MB
RSS after load:                $((rss_after_load / 1024)) MB
peak RSS (VmHWM / time -v):    $((peak_status / 1024)) MB / $((peak_time / 1024)) MB
REPORT
