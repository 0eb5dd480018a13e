#!/bin/bash
# awslab: installs the lab web service on first boot (cloud-init runs this once, as root).
# Log: /var/log/awslab-setup.log. Rendered by awslab.lab.UserData; no credentials, no S3.
set -euo pipefail
exec >>/var/log/awslab-setup.log 2>&1
export DEBIAN_FRONTEND=noninteractive HOME=/root
APP=/opt/awslab
install -d -m 755 "$APP" "$APP/lib" "$APP/classes" "$APP/resolve"

# Retries a command a few times: networks and package locks are flaky during the first boot.
retry() {
  local attempt
  for attempt in 1 2 3 4 5; do
    if "$@"; then return 0; fi
    echo "awslab: attempt $attempt failed: $*"
    sleep $((attempt * 10))
  done
  return 1
}

# A Java development kit and Maven, from Ubuntu's own packages.
retry apt-get update -q
retry apt-get install -y -q --no-install-recommends @JAVA_PACKAGE@ maven

# The web service's own sources, carried here (its compiled classes would not fit in 16 KB).
@SOURCES@

# Its dependencies by Maven coordinates, each with the SHA-256 the shell's build computed.
cat >"$APP/dependencies.txt" <<'DEPENDENCIES'
@DEPENDENCIES@
DEPENDENCIES

# A throw-away project naming exactly those artifacts; Maven resolves them from its defaults.
{
  echo '<project><modelVersion>4.0.0</modelVersion><groupId>awslab</groupId><artifactId>resolve</artifactId>'
  echo '<version>1</version><packaging>pom</packaging><build><plugins><plugin>'
  echo '<artifactId>maven-dependency-plugin</artifactId><configuration><artifactItems>'
  while read -r coordinates _; do
    IFS=: read -r group artifact version <<<"$coordinates"
    echo "<artifactItem><groupId>$group</groupId><artifactId>$artifact</artifactId><version>$version</version></artifactItem>"
  done <"$APP/dependencies.txt"
  echo '</artifactItems></configuration></plugin></plugins></build></project>'
} >"$APP/resolve/pom.xml"
retry mvn -B -q -f "$APP/resolve/pom.xml" -Dmaven.repo.local="$APP/resolve/repository" \
  org.apache.maven.plugins:maven-dependency-plugin:@DEPENDENCY_PLUGIN_VERSION@:copy -DoutputDirectory="$APP/lib"

# Every jar must be the very one the shell was built with.
while read -r coordinates sha256; do
  IFS=: read -r _ artifact version <<<"$coordinates"
  echo "$sha256  $APP/lib/$artifact-$version.jar"
done <"$APP/dependencies.txt" | sha256sum --check --strict --quiet
rm -rf "$APP/resolve"

# Compiled here, against exactly those jars.
find "$APP/src" -name '*.java' >"$APP/sources.txt"
javac -encoding UTF-8 -nowarn -d "$APP/classes" -cp "$APP/lib/*" @"$APP/sources.txt"

# A systemd service on port 80: restarted when it fails, started at every boot.
cat >/etc/systemd/system/awslab-webapp.service <<UNIT
[Unit]
Description=awslab lab web service
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/bin/java @JVM_OPTIONS@ -cp $APP/classes:$APP/lib/* @MAIN_CLASS@
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always
RestartSec=2

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now awslab-webapp.service
echo "awslab: web service installed"
