#!/usr/bin/env bash
# Types a meeting into scribe, line by line, as a note-taker would, so that the example
# meetings in sessions/ are made by scribe itself and can be regenerated.
#
#   sessions/scripts/type-into-scribe.sh LINES_FILE OUTPUT.ron [SPEED] [START]
#
# LINES_FILE  one command or statement per line; blank lines and lines starting with '#'
#             are skipped, everything else is typed as is and followed by Enter.
# OUTPUT.ron  the meeting file to create (scribe refuses an existing file; FORCE=1 replaces it).
# SPEED       how many times faster than real time the meeting clock runs (default 25).
# START       the clock's starting time, RFC 3339 (default 2026-03-12T10:00:00+01:00).
#
# Runs ./target/debug/scribe (build it first with `cargo build`) inside a detached tmux
# session with SCRIBE_CLOCK=START*SPEED. After each line it waits until the meeting file has
# one more event: every line of the file must produce exactly one event, so a command that
# scribe refuses (the footer says why and the text stays in the composer) stops the script
# with the screen, instead of going unnoticed. At the end it sends /quit, waits for scribe to
# exit, checks the file and, with VERIFY=1 (the default), opens it again and prints the screen.
#
# Pauses imitate the meeting: before each line the script waits as long as it takes to say
# it. Setup commands (/title ... /agenda) wait SETUP_SECONDS of meeting time; every other
# line waits BASE_SECONDS plus SECONDS_PER_CHAR per character, in meeting time (so a longer
# statement takes longer, and the meeting's length does not depend on SPEED).
# Defaults: 3, 4 and 0.3.
set -euo pipefail

usage() {
    sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[[ $# -ge 2 && $# -le 4 ]] || usage

lines_file=$1
output=$2
speed=${3:-25}
start=${4:-2026-03-12T10:00:00+01:00}
setup_seconds=${SETUP_SECONDS:-3}
base_seconds=${BASE_SECONDS:-4}
seconds_per_char=${SECONDS_PER_CHAR:-0.3}
verify=${VERIFY:-1}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$repo/target/debug/scribe
[[ -x $bin ]] || { echo "no $bin: run 'cargo build' in $repo first" >&2; exit 1; }
[[ -r $lines_file ]] || { echo "cannot read $lines_file" >&2; exit 1; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
output=$(realpath -m "$output")
if [[ -e $output ]]; then
    if [[ ${FORCE:-0} == 1 ]]; then
        echo "replacing $output" >&2
        rm -f -- "$output"
    else
        echo "$output already exists (FORCE=1 replaces it)" >&2
        exit 1
    fi
fi

session=scribe-type-$$
stderr_log=$(mktemp "${TMPDIR:-/tmp}/scribe-type.XXXXXX")
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    tmux kill-session -t "$session-verify" 2>/dev/null || true
}
trap cleanup EXIT

# Number of events saved: those in the meeting file (one per line, each starting with
# `(at: "`) and those in its journal (one per line, `(seq:N,...`), where scribe appends each
# event until it folds the journal into the meeting file (at quit, or after 2000 events).
events_in() {
    local in_file=0 in_journal=0
    if [[ -s $1 ]]; then
        in_file=$(grep -c '^[[:space:]]*(at: "' "$1" || true)
    fi
    if [[ -s $1.journal ]]; then
        in_journal=$(grep -c '^(seq:' "$1.journal" || true)
    fi
    echo $((in_file + in_journal))
}

# What the composer holds: the rows between the composer's rule (the last line that starts
# with a space and holds a run of ─) and the footer (the last line).
composer_text() {
    tmux capture-pane -p -t "$session" | awk '
        { line[NR] = $0 }
        END {
            rule = 0
            for (i = 1; i < NR; i++) if (line[i] ~ /^ .*───/) rule = i
            text = ""
            for (i = rule + 1; i < NR; i++) text = text line[i]
            gsub(/[[:space:]]/, "", text)
            print text
        }'
}

# Seconds (real time) to wait before a line.
pause_for() {
    awk -v len="${#1}" -v setup="$2" -v speed="$speed" -v s="$setup_seconds" \
        -v b="$base_seconds" -v c="$seconds_per_char" \
        'BEGIN { printf "%.3f", (setup ? s : b + c * len) / speed }'
}

fail() {
    echo >&2
    echo "FAILED: $1" >&2
    echo "--- screen ---" >&2
    tmux capture-pane -p -t "$session" >&2 2>/dev/null || true
    echo "--- scribe's stderr ---" >&2
    cat "$stderr_log" >&2
    echo "the partial meeting is in $output" >&2
    exit 1
}

tmux new-session -d -s "$session" -x 120 -y 40 \
    "SCRIBE_CLOCK='$start*$speed' '$bin' new -o '$output' 2>'$stderr_log'"
for _ in $(seq 50); do
    [[ -e $output ]] && break
    sleep 0.1
done
[[ -e $output ]] || fail "scribe did not start"
sleep 0.5

expected=0
typed=0
while IFS= read -r line || [[ -n $line ]]; do
    [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
    if [[ $line == "/quit" ]]; then
        continue # sent at the end
    fi
    # The pause comes first: a statement is recorded when the speaker has made it.
    case $line in
        /title\ * | /subtitle\ * | /date\ * | /time\ * | /place\ * | /attendee\ * | /regrets\ * | /chair\ * | /agenda\ *)
            setup=1 ;;
        *) setup=0 ;;
    esac
    sleep "$(pause_for "$line" "$setup")"
    tmux has-session -t "$session" 2>/dev/null || fail "scribe is gone (before: $line)"
    tmux send-keys -t "$session" -l -- "$line"
    tmux send-keys -t "$session" Enter
    typed=$((typed + 1))
    expected=$((expected + 1))
    # Wait for the event to be saved; a refused line never gets there.
    ok=0
    for _ in $(seq 100); do
        if [[ $(events_in "$output") -ge $expected ]]; then ok=1; break; fi
        sleep 0.05
    done
    if [[ $ok == 0 ]]; then
        fail "line $typed was not recorded: $line
footer: $(tmux capture-pane -p -t "$session" | tail -n 1)"
    fi
    [[ $(events_in "$output") -eq $expected ]] || fail "line $typed made more than one event: $line"
    [[ -z $(composer_text) ]] || fail "the composer is not empty after line $typed: $line"
    if [[ -t 2 ]]; then printf '\r%d lines typed' "$typed" >&2; fi
done <"$lines_file"
[[ -t 2 ]] && echo >&2

tmux send-keys -t "$session" -l -- "/quit"
tmux send-keys -t "$session" Enter
for _ in $(seq 100); do
    tmux has-session -t "$session" 2>/dev/null || break
    sleep 0.1
done
tmux has-session -t "$session" 2>/dev/null && fail "scribe did not quit on /quit"

[[ -s $output ]] || { echo "FAILED: $output is missing or empty" >&2; exit 1; }
count=$(events_in "$output")
if [[ -s $stderr_log ]]; then
    echo "scribe wrote to stderr:" >&2
    cat "$stderr_log" >&2
fi
[[ $count -eq $typed ]] || { echo "FAILED: $typed lines typed but $count events in $output" >&2; exit 1; }
echo "$output: $typed lines typed, $count events"
grep -o 'event: [A-Za-z]*' "$output" | sort | uniq -c | sort -rn

if [[ $verify == 1 ]]; then
    before=$(sha256sum "$output")
    tmux new-session -d -s "$session-verify" -x 120 -y 40 "'$bin' open '$output'"
    sleep 1.5
    echo "--- scribe open $output ---"
    tmux capture-pane -p -t "$session-verify"
    tmux send-keys -t "$session-verify" -l -- "/quit"
    tmux send-keys -t "$session-verify" Enter
    for _ in $(seq 50); do
        tmux has-session -t "$session-verify" 2>/dev/null || break
        sleep 0.1
    done
    [[ $(sha256sum "$output") == "$before" ]] || echo "note: opening and quitting changed $output" >&2
fi
rm -f -- "$stderr_log"
