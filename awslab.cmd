@echo off
rem Runs awslab on Windows, and teaches the course in lessons\ beside this script.
rem In a clone: builds the shell first when its jar is missing or older than its sources (needs
rem only a JDK 17+; the build never reads your input). In the download: runs lib\'s jar, with the
rem Java runtime of runtime\ when the archive carries one.
setlocal EnableExtensions DisableDelayedExpansion
set "HERE=%~dp0"
set "HERE=%HERE:~0,-1%"

rem Java 17+: the download's own runtime, JAVA_HOME, the PATH, then the usual install places.
set "JAVA="
call :try "%HERE%\runtime\bin\java.exe"
if not defined JAVA if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /f "delims=" %%J in ('where java 2^>nul') do if not defined JAVA call :try "%%J"
if not defined JAVA for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\*" "%ProgramFiles%\Amazon Corretto\*" "%ProgramFiles%\Zulu\*" "%ProgramFiles%\BellSoft\*" "%LOCALAPPDATA%\Programs\Eclipse Adoptium\*" "%USERPROFILE%\.jdks\*") do if not defined JAVA call :try "%%~D\bin\java.exe"
if not defined JAVA (
  echo awslab needs Java 17 or newer, and found none ^(JAVA_HOME, PATH, the usual install places^). 1>&2
  echo   Install a JDK 17+ ^(e.g. Eclipse Temurin: https://adoptium.net^), or set JAVA_HOME to one. 1>&2
  echo awslab a besoin de Java 17 ou plus recent, et n'en a trouve aucun ^(JAVA_HOME, PATH, emplacements habituels^). 1>&2
  echo   Installez un JDK 17+ ^(par ex. Eclipse Temurin : https://adoptium.net^), ou faites pointer JAVA_HOME vers lui. 1>&2
  exit /b 1
)

rem Start fast and stay small: see the launcher awslab and bench/shell/RESULTS.md.
set "COURSE="
if exist "%HERE%\lessons\course.properties" set "COURSE=--course "%HERE%\lessons""
if exist "%HERE%\pom.xml" goto clone
set "JAR="
for /f "delims=" %%F in ('dir /b /o:-d "%HERE%\lib\awslab-shell-*-all.jar" 2^>nul') do if not defined JAR set "JAR=%HERE%\lib\%%F"
if not defined JAR (
  echo awslab: no lib\awslab-shell-*-all.jar beside %~f0 1>&2
  exit /b 1
)
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms80m -Xmn16m -XX:MetaspaceSize=64m -jar "%JAR%" %COURSE% %*
exit /b %ERRORLEVEL%

:clone
rem cmd cannot compare file times: the shell itself says, by exit code 75 before it reads or
rem prints anything, that a source is newer than its jar (awslab.StaleJar); then it is built.
call :jar
if not defined JAR goto build
set "AWSLAB_SOURCES=%HERE%"
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms80m -Xmn16m -XX:MetaspaceSize=64m -jar "%JAR%" %COURSE% %*
set "CODE=%ERRORLEVEL%"
if not "%CODE%"=="75" exit /b %CODE%
:build
echo Building awslab (first run, or its sources changed)... 1>&2
for %%H in ("%JAVA%\..\..") do set "JAVA_HOME=%%~fH"
call "%HERE%\mvnw.cmd" -q -B -DskipTests -f "%HERE%\pom.xml" package <nul 1>&2 || exit /b 1
call :jar
set "AWSLAB_SOURCES="
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms80m -Xmn16m -XX:MetaspaceSize=64m -jar "%JAR%" %COURSE% %*
exit /b %ERRORLEVEL%

rem The newest shell jar of the clone, in JAR.
:jar
set "JAR="
for /f "delims=" %%F in ('dir /b /o:-d "%HERE%\shell\target\awslab-shell-*-all.jar" 2^>nul') do if not defined JAR set "JAR=%HERE%\shell\target\%%F"
exit /b 0

rem Sets JAVA to %1 when it is a java.exe of version 17 or newer (read from its home's release
rem file, else from java -version).
:try
if not exist "%~1" exit /b 0
set "VER="
set "MAJOR="
if exist "%~dp1..\release" for /f "tokens=2 delims==" %%V in ('findstr /b "JAVA_VERSION=" "%~dp1..\release"') do set "VER=%%~V"
if not defined VER for /f "tokens=3" %%V in ('call "%~1" -version 2^>^&1 ^| findstr /i version') do if not defined VER set "VER=%%~V"
if not defined VER exit /b 0
for /f "tokens=1,2 delims=.-+_" %%A in ("%VER%") do if "%%A"=="1" (set "MAJOR=%%B") else (set "MAJOR=%%A")
if defined MAJOR if %MAJOR% GEQ 17 set "JAVA=%~1"
exit /b 0
