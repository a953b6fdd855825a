#!/usr/bin/env bash
# Export time against open time at 100,000 events, measured side by side: RUNS rounds, each
# opening the meeting in the console once (first paint with the last entry, the PTY probe) and
# exporting it once in every format (`scribe export`, wall time and peak memory from
# /usr/bin/time), so that both see the same machine. Prints the medians and export / open.
#
#   scripts/bench-export-open.sh [RUNS]                       (default 5)
#   SCRIBE_BIN=path/to/scribe scripts/bench-export-open.sh    (another build)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
PROBE="$(realpath "${TTYPROBE:-../shared/tools/ttyprobe.py}")"
[ -f "$PROBE" ] || { echo "no probe at $PROBE (set TTYPROBE)" >&2; exit 1; }
cargo build --release --quiet
cargo build --release --benches --quiet
SCRIBE="$(realpath "${SCRIBE_BIN:-./target/release/scribe}")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo bench --quiet --bench generate -- 100000 "$WORK/m100k.ron" >&2
RESULTS="$WORK/results"
mkdir -p "$WORK/s"
for run in $(seq "$RUNS"); do
    echo "round $run of $RUNS…" >&2
    # The console takes the meeting's lock and writes at quit: it opens a fresh copy.
    rm -rf "$WORK/s" && mkdir -p "$WORK/s" && cp "$WORK/m100k.ron" "$WORK/s/m.ron"
    python3 "$PROBE" --cols 80 --rows 24 --runs 1 --idle-s 1 --quit '\x11' --json-only \
        --env "SCRIBE_DIR=$WORK/s" --cwd "$WORK/s" -- "$SCRIBE" open m.ron |
        python3 -c 'import json, sys; d = json.load(sys.stdin); m = d.get("median", d)
print("open", m["first_paint_ms"] / 1000, m["peak_rss_kb"])' >>"$RESULTS"
    for format in md html txt docx; do
        /usr/bin/time -f "$format %e %M" "$SCRIBE" export "$WORK/m100k.ron" -f "$format" \
            -o "$WORK/out.$format" 2>&1 >/dev/null | tail -1 >>"$RESULTS"
    done
done
python3 - "$RESULTS" "$(stat -c %s "$WORK/m100k.ron")" <<'EOF'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
size = int(sys.argv[2])
def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]
def of(what):
    return [(float(r[1]), int(r[2])) for r in rows if r[0] == what]
open_s = median([t for t, _ in of("open")])
print(f"meeting: 100,000 events, {size / 1e6:.1f} MB; {len(of('open'))} rounds, medians")
print()
print("| | wall | export / open | peak RSS | RSS / file |")
print("|---|---:|---:|---:|---:|")
print(f"| open (first paint) | {open_s * 1000:.0f} ms | | {median([m for _, m in of('open')]) / 1024:.1f} MiB | |")
for fmt in ["md", "html", "txt", "docx"]:
    wall = median([t for t, _ in of(fmt)])
    rss = median([m for _, m in of(fmt)])
    print(f"| export {fmt} | {wall * 1000:.0f} ms | {wall / open_s:.2f} | {rss / 1024:.1f} MiB | {rss * 1024 / size:.2f} |")
EOF
