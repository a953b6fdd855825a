#!/usr/bin/env bash
# Runs the cargo-fuzz targets (loader, journal, command, console) for SECONDS each (default 240), from
# the committed seed corpus and the dictionaries, keeping what libFuzzer finds in fuzz/work/
# (not committed). Needs cargo-fuzz (`cargo install cargo-fuzz`); on stable Rust, the nightly
# flags it uses are allowed with RUSTC_BOOTSTRAP=1. See FUZZING.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-240}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(loader journal command console)
for target in "${targets[@]}"; do
    mkdir -p "fuzz/work/$target"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
        -dict="fuzz/dict/$target.dict" -max_total_time="$seconds" -max_len=8192 \
        -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +(INITED|DONE)|Done|stat::|==[0-9]+==|SUMMARY)"
done
