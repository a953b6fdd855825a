#!/usr/bin/env bash
# The long crash test, outside CI: the real binary killed with SIGKILL at random moments while
# entries are typed, N times (default 200), checking that every entry the screen showed as
# saved is in the reopened meeting, in order. CI runs the same test with 30 trials.
#
#   scripts/crash-trials.sh [TRIALS]
#
# Prints the summary line: trials, entries typed, shown as saved, recovered, and how many
# trials were killed in the middle of a write.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRIBE_CRASH_TRIALS="${1:-200}" cargo test --test durability \
    killed_at_random_moments_loses_nothing_shown_as_saved -- --nocapture 2>&1 |
    grep -E "crash test:|test result|panicked"
