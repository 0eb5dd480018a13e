@echo off
rem Runs the awslab shell, building it first when needed (needs only a JDK 17+).
set "HERE=%~dp0"
set "JAR=%HERE%shell\target\awslab-shell-0.1.0-SNAPSHOT-all.jar"
if not exist "%JAR%" (
  echo Building awslab (first run only)... 1>&2
  call "%HERE%mvnw.cmd" -q -B -DskipTests -f "%HERE%pom.xml" package || exit /b 1
)
rem Start fast and stay small: see the launcher awslab and bench/shell/RESULTS.md.
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms80m -Xmn16m -XX:MetaspaceSize=64m -jar "%JAR%" %*
