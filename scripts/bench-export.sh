#!/usr/bin/env bash
# The whole `scribe export` (read the meeting, fold it, render, write the file) in every
# format, in meetings of 100, 1,000, 10,000 and 100,000 events (benches/generate.rs, through
# the real store): wall time and peak memory (/usr/bin/time), median of RUNS runs, beside the
# meeting file's size.
#
#   scripts/bench-export.sh [RUNS]                       (default 3)
#   SCRIBE_BIN=path/to/scribe scripts/bench-export.sh    (another build, e.g. an older one)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
cargo build --release --quiet
cargo build --release --benches --quiet
SCRIBE="$(realpath "${SCRIBE_BIN:-./target/release/scribe}")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo bench --quiet --bench generate -- 100 "$WORK/m100.ron" 1000 "$WORK/m1k.ron" \
    10000 "$WORK/m10k.ron" 100000 "$WORK/m100k.ron" >&2
echo "| events | file | format | export (wall) | peak RSS | RSS / file |"
echo "|---:|---:|---|---:|---:|---:|"
for size in 100 1k 10k 100k; do
    file="$WORK/m$size.ron"
    bytes=$(stat -c %s "$file")
    for format in md html txt docx; do
        results=()
        for _ in $(seq "$RUNS"); do
            results+=("$(/usr/bin/time -f "%e %M" "$SCRIBE" export "$file" -f "$format" \
                -o "$WORK/out.$format" 2>&1 >/dev/null | tail -1)")
        done
        printf '%s\n' "${results[@]}" | python3 -c "
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
wall = sorted(float(r[0]) for r in rows)[len(rows) // 2]
rss = sorted(int(r[1]) for r in rows)[len(rows) // 2]
size = $bytes
print(f'| $size | {size / 1e6:.1f} MB | $format | {wall * 1000:.0f} ms | {rss / 1024:.1f} MB | {rss * 1024 / size:.1f} |')
"
    done
done
