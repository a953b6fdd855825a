#!/usr/bin/env bash
# Key → screen latency, bytes per key, first paint and memory of scribe beside vim -u NONE -N
# (and nano, when installed), measured side by side in one run by the pseudo-terminal probe
# (../shared/tools/ttyprobe.py, or $TTYPROBE), with a meeting of 1,000 and one of 100,000
# events open (written by benches/generate.rs through the real store; vim and nano open the
# same file as text), at 80x24 and 200x50; then a table of ratios to vim. Also scribe's first
# paint of the 100,000-event meeting against the floor: what ron alone takes to deserialise
# the same file (benches/floor.rs), in the same run.
#
#   scripts/bench-tty.sh [RUNS]          (default 3 runs per program and size)
#   SCRIBE_BIN=path/to/scribe scripts/bench-tty.sh   (another build, e.g. an older one)
#
# Long: about 2 minutes per run. The machine is shared: read the medians, and the spread.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
PROBE="$(realpath "${TTYPROBE:-../shared/tools/ttyprobe.py}")"
SCRIBE="$(realpath "${SCRIBE_BIN:-./target/release/scribe}")"
[ -f "$PROBE" ] || { echo "no probe at $PROBE (set TTYPROBE)" >&2; exit 1; }
cargo build --release --quiet
cargo build --release --benches --quiet
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo bench --quiet --bench generate -- 1000 "$WORK/m1k.ron" 100000 "$WORK/m100k.ron" >&2
JSONL="$WORK/results.jsonl"
probe() { # label cols rows [probe options…] -- command…
    local label="$1" cols="$2" rows="$3"
    shift 3
    python3 "$PROBE" --cols "$cols" --rows "$rows" --runs "$RUNS" --idle-s 1 \
        --label "$label" --jsonl "$JSONL" --json-only "$@" >/dev/null
}
for size in 1k 100k; do
    for geometry in 80x24 200x50; do
        cols="${geometry%x*}"
        rows="${geometry#*x}"
        echo "probing $size $geometry…" >&2
        # scribe minutes a copy of the meeting (it takes its lock and writes at quit).
        mkdir -p "$WORK/s"
        rm -f "$WORK/s/"*
        cp "$WORK/m$size.ron" "$WORK/s/m.ron"
        probe "scribe $size $geometry" "$cols" "$rows" --quit '\x11' \
            --env "SCRIBE_DIR=$WORK/s" --cwd "$WORK/s" -- "$SCRIBE" open m.ron
        probe "vim $size $geometry" "$cols" "$rows" --keys-before i --quit '\e:q!\r' \
            -- vim -u NONE -N "$WORK/m$size.ron"
        if command -v nano >/dev/null; then
            probe "nano $size $geometry" "$cols" "$rows" --quit '\x18' --quit n \
                -- nano --ignorercfiles "$WORK/m$size.ron"
        fi
    done
done
FLOOR="$(cargo bench --quiet --bench floor -- "$WORK/m100k.ron" 5)"
python3 - "$JSONL" "$FLOOR" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
floor = float(sys.argv[2])
by = {r["label"]: r["median"] for r in rows}
def get(label, key):
    m = by.get(label)
    return None if m is None or m.get(key) is None else float(m[key])
print("| meeting | size | program | key latency median | p95 | bytes/key median | first paint | peak RSS | latency / vim |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|")
for size in ["1k", "100k"]:
    for geo in ["80x24", "200x50"]:
        vim = get(f"vim {size} {geo}", "key_lat_med_ms")
        for prog in ["scribe", "vim", "nano"]:
            label = f"{prog} {size} {geo}"
            if label not in by:
                continue
            lat = get(label, "key_lat_med_ms")
            ratio = f"{lat / vim:.2f}" if lat and vim else "-"
            print(f"| {size} | {geo} | {prog} | {lat:.2f} ms | {get(label, 'key_lat_p95_ms'):.2f} ms | "
                  f"{get(label, 'key_bytes_med'):.0f} | {get(label, 'first_paint_ms'):.0f} ms | "
                  f"{get(label, 'peak_rss_kb') / 1024:.1f} MB | {ratio} |")
paint = get("scribe 100k 80x24", "first_paint_ms")
print()
print(f"floor (ron alone deserialising the 100k meeting file): {floor:.0f} ms; "
      f"scribe's first paint at 100k, 80x24: {paint:.0f} ms = {paint / floor:.2f}x the floor")
EOF
