#!/usr/bin/env bash
# Boot benchmark: the lab's user data, rendered from the built shell jar exactly as EC2 receives
# it, run as cloud-init runs it (as root, once) on a clean Debian 13 ("trixie") system: a
# debootstrap chroot whose systemctl is a stand-in that starts the unit (the tests' own, in
# shell/src/test/resources/awslab/lab/systemctl: as an unprivileged user, like DynamicUser=yes),
# under a 1 GiB memory limit (a memory cgroup, like a t2.micro's RAM). It times each phase from the
# setup's console markers ("awslab-setup: phase=..."), records the memory peak and the bytes
# downloaded, checks that GET /task answers, and tears everything down (no process, no mount left).
#
# usage: sudo bench/boot/run.sh [SCRIPT]
#   SCRIPT        run this user-data script instead of the rendered one (to compare versions)
# environment:
#   BOOT_CACHE=DIR  where the clean base system is kept between runs (default /var/cache/awslab-bench/boot)
#   BOOT_PORT=N     the web service's port (default: a free one): the chroot shares the host's network, so
#                   the setup is run with AWSLAB_WEB_PORT=N instead of EC2's port 80, the service
#                   bound to 127.0.0.1 only
#   KEEP=1          keep the chroot and its logs (the path is printed) instead of deleting them
#   REBUILD=1       rebuild the shell's jar first
# needs: root, debootstrap, zstd, curl, a JDK 17+ (to render), a memory cgroup (v1, or v2 with systemd-run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${BOOT_CACHE:-/var/cache/awslab-bench/boot}
port=${BOOT_PORT:-}
suite=trixie
base="$cache/$suite-base.tar.zst"
limit=$((1024 * 1024 * 1024))
jar="$repo/shell/target/awslab-shell-0.1.0-SNAPSHOT.jar"

fail() { echo "bench/boot: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot, mounts, cgroups)"
for tool in debootstrap zstd curl java setpriv mountpoint ss; do
  command -v "$tool" >/dev/null || fail "needs $tool (apt-get install debootstrap zstd curl openjdk-17-jdk-headless util-linux iproute2)"
done
taken() { ss -Hltn "sport = :$1" | grep -q .; }
if [ -z "$port" ]; then
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 10000))
    taken "$port" || break
  done
fi
if taken "$port"; then fail "port $port is taken: set BOOT_PORT"; fi

# The clean base system, made once: debootstrap's default variant from its default mirror (no host
# name written here), plus what Ubuntu's cloud images also have: ca-certificates, curl, man-db.
if [ ! -f "$base" ]; then
  echo "making the base system once (a minute or two): $base"
  mkdir -p "$cache"
  fresh=$(mktemp -d "$cache/base.XXXXXX")
  debootstrap --include=ca-certificates,curl,man-db "$suite" "$fresh/root" >"$fresh/debootstrap.log"
  chroot "$fresh/root" apt-get clean
  rm -rf "$fresh/root/var/lib/apt/lists/"* # a fresh cloud image has no package lists either
  tar -C "$fresh/root" --zstd -cf "$fresh/base.tar.zst" .
  mv "$fresh/base.tar.zst" "$base"
  rm -rf "$fresh"
fi

if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
  (cd "$repo" && ./mvnw -B -q -pl shell -am -DskipTests package)
fi

work=$(mktemp -d /var/tmp/awslab-boot.XXXXXX)
root="$work/root"
cgroup=
scope=
sampler=

# Ends every process the setup started (the web service included), unmounts, deletes the copy.
teardown() {
  set +e
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null && wait "$sampler" 2>/dev/null
  local ended=0 pids round
  if [ -n "$scope" ]; then
    systemctl kill --signal=KILL "$scope" 2>/dev/null
    systemctl stop "$scope" 2>/dev/null
  elif [ -n "$cgroup" ] && [ -d "$cgroup" ]; then
    for round in $(seq 50); do
      pids=$(cat "$cgroup/cgroup.procs")
      [ -z "$pids" ] && break
      [ "$round" = 1 ] && ended=$(wc -w <<<"$pids")
      # shellcheck disable=SC2086 # one id a word
      if [ "$round" -le 30 ]; then kill -TERM $pids 2>/dev/null; else kill -KILL $pids 2>/dev/null; fi
      sleep 0.1
    done
    rmdir "$cgroup" || echo "teardown: processes left in $cgroup: $(tr '\n' ' ' <"$cgroup/cgroup.procs")"
  fi
  for mount in run dev sys proc; do
    if mountpoint -q "$root/$mount"; then umount -R "$root/$mount" || umount -R -l "$root/$mount"; fi
  done
  local mounts
  mounts=$(grep -c " $work/" /proc/mounts)
  echo "teardown: $ended process(es) ended, $mounts mount(s) left"
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap teardown EXIT
trap 'exit 130' INT TERM

# A fresh copy of the base, the user data, the systemctl stand-in, no service started by packages.
mkdir "$root"
tar -C "$root" --zstd -xf "$base"
if [ $# -gt 0 ]; then
  cp "$1" "$root/root/user-data"
  size="user data: $1 (given)"
else
  java -cp "$jar" "$here/RenderUserData.java" 2>"$work/size.txt" | base64 -d | gunzip >"$root/root/user-data"
  size=$(cat "$work/size.txt")
fi
install -m 755 "$repo/shell/src/test/resources/awslab/lab/systemctl" "$root/usr/local/sbin/systemctl"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The certificate authorities this host added to its own (a TLS-inspecting network, as on the
# build machine, would otherwise fail every HTTPS download): trusted in the chroot too, as on the host.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys" # the JVM reads its memory limit there
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
mount -t tmpfs -o mode=755 tmpfs "$root/run"

# The 1 GiB limit: a child of this shell's memory cgroup (v1), or a systemd scope (v2).
memory_v1=$(awk '$9 == "cgroup" && $NF ~ /(^|,)memory(,|$)/ {print $5; exit}' /proc/self/mountinfo)
if [ -n "$memory_v1" ]; then
  cgroup="$memory_v1$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)/awslab-boot-$$"
  cgroup=${cgroup//\/\//\/}
  mkdir "$cgroup"
  echo "$limit" >"$cgroup/memory.limit_in_bytes"
  limit_how="cgroup v1 memory controller, memory.limit_in_bytes=$limit ($cgroup)"
  in_limit() { (echo "$BASHPID" >"$cgroup/cgroup.procs" && exec "$@"); }
  sample() { awk '$1 == "total_rss" || $1 == "total_shmem" {anon += $2} END {printf "%d ", anon}' "$cgroup/memory.stat"; cat "$cgroup/memory.usage_in_bytes"; }
  peak() { cat "$cgroup/memory.max_usage_in_bytes"; }
  oom_kills() { awk '$1 == "oom_kill" {print $2}' "$cgroup/memory.oom_control"; }
elif [ -d /run/systemd/system ] && command -v systemd-run >/dev/null; then
  scope="awslab-boot-$$.scope"
  limit_how="systemd-run --scope -p MemoryMax=1G -p MemorySwapMax=0 (cgroup v2)"
  in_limit() { systemd-run --quiet --scope --unit="$scope" -p MemoryMax="$limit" -p MemorySwapMax=0 -- "$@"; }
  scope_dir() { echo "/sys/fs/cgroup$(systemctl show -P ControlGroup "$scope")"; }
  sample() { local d; d=$(scope_dir); awk '$1 == "anon" || $1 == "shmem" {anon += $2} END {printf "%d ", anon}' "$d/memory.stat"; cat "$d/memory.current"; }
  peak() { cat "$(scope_dir)/memory.peak"; }
  oom_kills() { awk '$1 == "oom_kill" {print $2}' "$(scope_dir)/memory.events"; }
else
  fail "no memory cgroup to limit the setup to 1 GiB (needs cgroup v1's memory controller, or systemd-run on cgroup v2)"
fi

# Bytes received on the host's network interfaces (the machine may be shared: an upper bound).
received() { awk -F'[: ]+' 'NR > 2 && $2 != "lo" {sum += $3} END {print sum}' /proc/net/dev; }
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
echo "machine: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release) host"
echo "chroot:  Debian $(cat "$root/etc/debian_version") ($suite), memory limit: $limit_how"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$size"

rx_before=$(received)
start=$EPOCHREALTIME
(while sleep 0.2; do echo "$EPOCHREALTIME $(sample)"; done) >"$work/memory.txt" 2>/dev/null &
sampler=$!
set +e
# As cloud-init runs it: as root, from /, a bare environment; its output is the instance's console.
in_limit chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 AWSLAB_WEB_PORT="$port" STANDIN_USER=65534 STANDIN_SERVICE_ARGS="--bind 127.0.0.1" /bin/bash -c 'cd / && exec /bin/bash /root/user-data' 2>&1 | stamp >"$work/console.txt"
status=${PIPESTATUS[0]}
set -e
ended=$EPOCHREALTIME
code=000
for _ in $(seq 600); do
  code=$(curl -s -o "$work/task.json" -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/task" || true)
  [ "$code" = 200 ] && break
  sleep 0.1
done
served=$EPOCHREALTIME
rx_after=$(received)
kill "$sampler"
wait "$sampler" 2>/dev/null || true
sampler=
log="$root/var/log/awslab-setup.log"

echo
echo "console (seconds since the start):"
awk -v t0="$start" '{printf "  %6.1f  %s\n", $1 - t0, substr($0, index($0, " ") + 1)}' "$work/console.txt" | cut -c1-150
echo
echo "phases (from the console markers; memory: peak anonymous memory of every process in the phase):"
# the first marker of each phase (a retry repeats it)
sed -n 's/^\([0-9.]*\) awslab-setup: phase=\([a-z]*\).*/\1 \2/p' "$work/console.txt" | awk '$2 != last {print; last = $2}' >"$work/phases.txt"
echo "$ended end" >>"$work/phases.txt"
awk -v t0="$start" 'NR == FNR {at[NR] = $1; name[NR] = $2; n = NR; next}
  {for (i = 1; i < n; i++) if ($1 >= at[i] && $1 < at[i + 1] && $2 > mem[i]) mem[i] = $2}
  END {for (i = 1; i < n; i++) printf "  %-10s from %5.1f s  %5.1f s  %4d MiB\n", name[i], at[i] - t0, at[i + 1] - at[i], mem[i] / 1048576}' \
  "$work/phases.txt" "$work/memory.txt"
echo
printf 'setup script: exit status %s after %.1f s\n' "$status" "$(awk -v a="$start" -v b="$ended" 'BEGIN {print b - a}')"
printf 'GET /task: HTTP %s at %.1f s (%s)\n' "$code" "$(awk -v a="$start" -v b="$served" 'BEGIN {print b - a}')" "$(head -c 80 "$work/task.json" 2>/dev/null)"
awk '{if ($2 > anon) anon = $2} END {printf "memory: peak anonymous %d MiB", anon / 1048576}' "$work/memory.txt"
printf ', peak charged (page cache included, reclaimable) %d MiB, OOM kills %s\n' "$(($(peak) / 1048576))" "$(oom_kills)"
pid=$(cat "$root/run/awslab-webapp.pid" 2>/dev/null || true)
[ -n "$pid" ] && echo "web service: pid $pid, $(awk '/VmRSS/ {print $2 / 1024 " MiB resident"}' "/proc/$pid/status" 2>/dev/null || echo "not running")"
# The answer must come from this service, not from another process that took the port meanwhile.
owner=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1)
if [ "$code" = 200 ] && [ "$owner" != "pid=$pid" ]; then
  echo "port $port answers, but from ${owner:-an unknown process}, not the service (pid $pid): run again"
  code=409
fi
fetched=$(grep -ho 'Fetched [0-9,.]* [kMG]*B' "$log" 2>/dev/null | awk '{n = $2; gsub(",", "", n); u = $3;
  n *= (u == "kB" ? 1e3 : u == "MB" ? 1e6 : u == "GB" ? 1e9 : 1); s += n} END {printf "%.1f", s / 1e6}')
echo "downloaded: $(awk -v a="$rx_before" -v b="$rx_after" 'BEGIN {printf "%.1f", (b - a) / 1e6}') MB received by the host" \
  "(apt: ${fetched:-0} MB; libraries: $(du -sb "$root/opt/awslab/lib" 2>/dev/null | awk '{printf "%.1f", $1 / 1e6}') MB)"
echo "packages installed: $(grep -c '^Unpacking ' "$log" 2>/dev/null || echo 0)"
unit="$root/etc/systemd/system/awslab-webapp.service"
enabled=no
[ -L "$root/etc/systemd/system/multi-user.target.wants/awslab-webapp.service" ] && enabled=yes
echo "unit: enabled at boot: $enabled, $(grep -h '^Restart=' "$unit" 2>/dev/null || echo 'no Restart=')"
# A reboot, as far as a chroot goes: the service ended, then started again from its unit alone.
if [ -n "$pid" ] && [ "$code" = 200 ]; then
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  again=$EPOCHREALTIME
  in_limit chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    STANDIN_USER=65534 STANDIN_SERVICE_ARGS="--bind 127.0.0.1" systemctl start awslab-webapp.service
  restarted=000
  for _ in $(seq 300); do
    restarted=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/task" || true)
    [ "$restarted" = 200 ] && break
    sleep 0.05
  done
  printf 'restart from the unit (as at boot): HTTP %s on GET /task %.2f s after the start' "$restarted" \
    "$(awk -v a="$again" -v b="$EPOCHREALTIME" 'BEGIN {print b - a}')"
  pid=$(cat "$root/run/awslab-webapp.pid")
  owner=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1)
  echo ", from ${owner:-nobody} (the service: pid=$pid)"
  [ "$restarted" = 200 ] && [ "$owner" = "pid=$pid" ] || code=$restarted
fi
if [ "$status" != 0 ] || [ "$code" != 200 ]; then
  echo "setup log (last 30 lines):"
  tail -n 30 "$log" 2>/dev/null | sed 's/^/  /'
  exit 1
fi
