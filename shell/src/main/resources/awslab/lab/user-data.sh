#!/bin/bash
# awslab: installs the lab web service on first boot (cloud-init runs this once, as root).
# Rendered by awslab.lab.UserData; no credentials, no S3. Progress: one "awslab-setup: phase=..."
# line per step on the console, so EC2's GetConsoleOutput shows it (see awslab.lab.SetupProgress);
# everything else in /var/log/awslab-setup.log, whose last lines go to the console if a step fails.
set -euo pipefail
umask 022
PORT=${AWSLAB_WEB_PORT:-80}
ROOT=${AWSLAB_ROOT:-} # tests and benchmarks only: where the files go instead of /
LOG=$ROOT/var/log/awslab-setup.log
APP=$ROOT/opt/awslab
UNIT=awslab-webapp.service
install -d -m 755 "${LOG%/*}" "$APP/lib" "$APP/classes" "$ROOT/etc/systemd/system"
# cloud-init's own output, which it copies to the console: kept as fd 3 for the progress lines.
exec 3>&1 >>"$LOG" 2>&1
export DEBIAN_FRONTEND=noninteractive

phase=begin
reason=
mark() { # awslab-setup: phase=NAME t=SECONDSs [key=value ...] [-- text]
  local line="awslab-setup: phase=$1 t=${SECONDS}s${2:+ $2}"
  echo "$line"
  echo "$line" >&3
}
step() { phase=$1; mark "$phase" "-- $2"; }
die() { reason=$1; exit 1; }
finish() {
  local status=$? last line
  [ "$status" = 0 ] && return
  last=$(tail -n 25 "$LOG")
  mark failed "during=$phase exit=$status -- ${reason:-$BASH_COMMAND}"
  while IFS= read -r line; do echo "awslab-setup: log| $line"; done <<<"$last" >&3
}
trap finish EXIT

# Retries a command a few times: networks and package locks are flaky during the first boot.
retry() {
  local attempt
  for attempt in 1 2 3 4; do
    if "$@"; then return 0; fi
    mark "$phase" "attempt=$((attempt + 1)) -- retrying in $((attempt * 10)) s: $*"
    sleep $((attempt * 10))
  done
  "$@" || die "$*"
}
step begin "setting up the lab web service; log: /var/log/awslab-setup.log"

# A Java runtime (it carries the compiler too), from Ubuntu's own packages: no translations, no
# fsync per file, no manual-page index rebuilt. Meanwhile, Maven's core package, to be unpacked,
# not installed (Maven's 38 packages would double the time): only its super POM is read.
step java "installing Java from Ubuntu's packages"
apt=(-q -o Acquire::Languages=none -o DPkg::Lock::Timeout=120 -o DPkg::Options::=--force-unsafe-io)
retry apt-get "${apt[@]}" update
cd "$APP"
maven_core=(apt-get "${apt[@]}" -o APT::Sandbox::User=root download @MAVEN_PACKAGE@)
"${maven_core[@]}" &
maven_download=$!
man_index=$ROOT/var/lib/man-db/auto-update
indexed=no
if [ -e "$man_index" ]; then indexed=yes && rm -f "$man_index"; fi
retry apt-get "${apt[@]}" install -y --no-install-recommends @JAVA_PACKAGE@
if [ "$indexed" = yes ]; then touch "$man_index"; fi
if ! wait "$maven_download"; then retry "${maven_core[@]}"; fi
apt-get clean
dpkg-deb -x @MAVEN_PACKAGE@_*.deb maven

# The web service's own sources, carried here (its compiled classes would not fit in 16 KB).
@SOURCES@

# Its dependencies by Maven coordinates, each with the SHA-256 the shell's build computed.
cat >"$APP/dependencies.txt" <<'DEPENDENCIES'
@DEPENDENCIES@
DEPENDENCIES

# Resolved from Maven's own default remote repository, named in Maven's super POM (so no host name
# is written here), several at a time: Maven itself would first fetch 20 MB of plugins.
cat >"$APP/Resolve.java" <<'JAVA'
import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.CompletableFuture;
import java.util.regex.*;
import java.util.zip.ZipFile;
class Resolve {
  public static void main(String[] args) throws Exception {
    String repository = repository(Path.of(args[0]));
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<String>> downloads = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] gav = line.split("[: ]");
      String jar = gav[1] + "-" + gav[2] + ".jar";
      URI uri = URI.create(repository + "/" + gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/" + jar);
      HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build();
      downloads.add(http.sendAsync(get, HttpResponse.BodyHandlers.ofFile(Path.of(args[2], jar)))
          .handle((response, error) -> uri + ": " + (error == null ? "HTTP " + response.statusCode() : error)));
    }
    boolean fetched = true;
    for (CompletableFuture<String> download : downloads) {
      String result = download.join();
      System.out.println(result);
      fetched &= result.endsWith(": HTTP 200");
    }
    System.exit(fetched ? 0 : 1);
  }
  static String repository(Path maven) throws Exception {
    try (var files = Files.walk(maven)) {
      for (Path jar : files.filter(f -> f.toString().matches(".*model-builder.*[.]jar") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          var pom = zip.getEntry("org/apache/maven/model/pom-4.0.0.xml");
          if (pom != null) {
            String xml = new String(zip.getInputStream(pom).readAllBytes());
            Matcher url = Pattern.compile("<repositories>.*?<url>(.+?)</url>", Pattern.DOTALL).matcher(xml);
            if (url.find()) return url.group(1).trim();
          }
        }
      }
    }
    throw new IllegalStateException("no super POM in " + maven);
  }
}
JAVA
step libraries "fetching $(wc -l <"$APP/dependencies.txt") libraries by their Maven coordinates"
retry java -XX:TieredStopAtLevel=1 "$APP/Resolve.java" "$APP/maven" "$APP/dependencies.txt" "$APP/lib"
rm -rf "$APP/maven" "$APP"/*.deb
# Every jar must be the very one the shell was built with.
while read -r coordinates sha256; do
  IFS=: read -r _ artifact version <<<"$coordinates"
  echo "$sha256  $APP/lib/$artifact-$version.jar"
done <"$APP/dependencies.txt" | sha256sum --check --strict --quiet

# Compiled here, against exactly those jars, by the compiler the Java runtime carries.
step compile "compiling the web service"
find "$APP/src" -name '*.java' >"$APP/sources.txt"
classpath=$(printf '%s:' "$APP"/lib/*.jar)
java -XX:TieredStopAtLevel=1 -m jdk.compiler/com.sun.tools.javac.Main -encoding UTF-8 -nowarn \
  -d "$APP/classes" -cp "${classpath%:}" @"$APP/sources.txt"

# A systemd service on port 80: restarted when it fails, started at every boot.
step service "starting the web service on port $PORT"
cat >"$ROOT/etc/systemd/system/$UNIT" <<SERVICE
[Unit]
Description=awslab lab web service
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=$(command -v java) @JVM_OPTIONS@ -cp $APP/classes:$APP/lib/* @MAIN_CLASS@ --port $PORT
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always
RestartSec=2

[Install]
WantedBy=multi-user.target
SERVICE
systemctl daemon-reload
systemctl enable --now "$UNIT"
answers() { # GET /health answers 200
  local status=
  { printf 'GET /health HTTP/1.0\r\n\r\n' >&4 && read -r -t 5 _ status _ <&4; } 2>/dev/null 4<>"/dev/tcp/127.0.0.1/$PORT"
  [ "$status" = 200 ]
}
for _ in $(seq 300); do
  if answers; then break; fi
  sleep 0.2
done
if ! answers; then
  journalctl -u "$UNIT" -n 20 --no-pager || true
  die "the web service did not answer on port $PORT within 60 s"
fi
step started "the web service answers on port $PORT"
