#!/usr/bin/env bash
# The build's weights and costs: what each dependency weighs in the shell's jar (before and
# after SdkTrim), and what ./awslab's staleness check costs when nothing changed.
# Needs: python3, hyperfine. Run from anywhere; writes nothing but target/ files.
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath="$PWD/shell/target/runtime-classpath.txt"
./mvnw -q -B -DskipTests -pl shell -am package dependency:build-classpath \
  -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime </dev/null
jar=$(ls -t shell/target/awslab-shell-*-all.jar | head -n 1)

echo "## The shell's jar, by dependency"
python3 bench/build/weigh.py "$jar" "$classpath"

echo
echo "## ./awslab's check that the jar is up to date (nothing changed)"
check="find pom.xml */pom.xml */src i18n .mvn -path '*/src/test' -prune -o -type f -newer '$jar' -print | head -n 1"
echo "files looked at: $(find pom.xml ./*/pom.xml ./*/src i18n .mvn -path '*/src/test' -prune -o -type f -print | wc -l)"
hyperfine -N --warmup 3 --runs 30 --export-markdown /dev/stdout "sh -c \"$check\"" 2>/dev/null | grep '^|'

echo
echo "## ./awslab --version against the same java line run directly (Java found, jar checked)"
./awslab --version >/dev/null # writes the class-data archive once, as a first session does
java=$(command -v java)
archive=$(ls -t "$jar".*.jsa 2>/dev/null | head -n 1) # the launcher's, for this Java (none from Java 22)
hyperfine -N --warmup 3 --runs 20 --export-markdown /dev/stdout "./awslab --version" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${archive:+-XX:SharedArchiveFile=$archive} -Xlog:cds=off -Xlog:cds+dynamic=off -jar $jar --course lessons --version" \
  2>/dev/null | grep '^|'
