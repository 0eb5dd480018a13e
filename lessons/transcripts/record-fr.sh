#!/usr/bin/env bash
# shellcheck disable=SC2012 # the jar names are plain words
# Records playthrough-fr.txt: a newcomer plays the whole course in French, in the sandbox, in a
# real terminal (tmux on a private server, 100 columns, LANG=fr_FR.UTF-8 whether installed or not,
# no colours), typing what each step asks and answering "o" to every [o/N]. Takes 5 to 10 minutes.
#   lessons/transcripts/record-fr.sh [OUTPUT]      (default: lessons/transcripts/playthrough-fr.txt)
# Needs tmux (apt-get install -y tmux) and a JDK 17+ (./awslab builds the shell if needed).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/lessons/transcripts/playthrough-fr.txt}
work=$(mktemp -d)
sock="awslab-record-$$"
prompt='awslab [fr|sandbox]> '
command -v tmux >/dev/null || { echo "tmux is needed: apt-get install -y tmux" >&2; exit 1; }
"$here/awslab" --version >/dev/null # builds the jar first, outside the recording

t() { tmux -L "$sock" "$@"; }
screen() { t capture-pane -p -J -t rec -S -100000; }
prompts() { screen | grep -cF "$prompt" || true; }
finish() {
  t kill-server 2>/dev/null || true
  # the sandbox outlives the shell: stop it, with the jar the recording used (no build in the way)
  AWSLAB_HOME="$work/awslab" java -jar "$(ls -t "$here"/shell/target/awslab-shell-*-all.jar | head -n 1)" sandbox stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap finish EXIT
trap 'exit 130' INT TERM

# Answers "o" when the screen ends with a question.
yes_to_questions() {
  if screen | grep -v '^ *$' | tail -n 1 | grep -q '\[o/N\] *$'; then
    t send-keys -t rec o Enter
  fi
}

# Waits (at most $2 s) for $1 on the screen, answering yes to questions meanwhile.
await() {
  for _ in $(seq "$2"); do
    screen | grep -qF -- "$1" && return 0
    sleep 1
    yes_to_questions
  done
  echo "no \"$1\" within $2 s" >&2
  exit 1
}

# Types $1, answers yes to its questions, and waits (at most $2 s, default 600) for the next prompt.
step() {
  before=$(prompts)
  t send-keys -t rec -l "$1"
  t send-keys -t rec Enter
  for _ in $(seq "${2:-600}"); do
    sleep 1
    [ "$(prompts)" -gt "$before" ] && return 0
    yes_to_questions
  done
  echo "\"$1\" did not end" >&2
  exit 1
}

t new-session -d -s rec -x 100 -y 50 "env -i PATH='$PATH' HOME='$work' AWSLAB_HOME='$work/awslab' \
  LANG=fr_FR.UTF-8 NO_COLOR=1 TERM=xterm-256color AWSLAB_SANDBOX_PORT=0 '$here/awslab'; sleep 600"
t set-option -t rec history-limit 100000
await "$prompt" 120

for c in "lesson" "lesson 0" "check" "status" "ec2.describeAvailabilityZones().availabilityZones()" "check" \
  "lesson 1" "launch" "ec2.describeInstances().reservations()" "check" "hint"; do
  step "$c"
done
# The SSH session: the student looks around, then comes back.
t send-keys -t rec -l "ssh"
t send-keys -t rec Enter
await "Tapez exit pour revenir dans awslab." 120
sleep 1
t send-keys -t rec -l "ls"
t send-keys -t rec Enter
sleep 2
step "exit"
for c in "status" "stop" "start" "reboot" "terminate" "lesson 2" "fleet create" \
  "autoScaling.describeAutoScalingGroups().autoScalingGroups()" "check" "fleet status"; do
  step "$c"
done
# Lesson 2 asks to terminate one of the fleet's instances: the last one fleet status listed.
member=$(screen | awk -v p="${prompt}fleet status" 'index($0, p) == 1 { seen = 1 } seen' | grep -o 'i-[0-9a-f]\{17\}' | tail -n 1)
for c in "terminate $member" "fleet watch" "burn-cpu" "burn-cpu --stop" "fleet watch" "next" "lesson 3" \
  "fleet delete" "cleanup" "progress 1"; do
  step "$c"
done
t send-keys -t rec -l "exit"
t send-keys -t rec Enter
await "Au revoir." 60
sleep 1

{
  echo "# Un nouvel étudiant joue tout le cours, en français, dans le bac à sable"
  echo "#"
  echo "# Enregistré par lessons/transcripts/record-fr.sh : tmux (100 colonnes, LANG=fr_FR.UTF-8, NO_COLOR=1),"
  echo "# en tapant ce que chaque étape demande ; AWSLAB_HOME=~/awslab. Les lignes trop longues sont celles"
  echo "# des résultats Java (ARN sans espace), que le terminal replie."
  echo
  screen | sed -e "s|$work|~|g" -e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
} >"$out"
echo "recorded: $out"
