#!/usr/bin/env bash
# The collection comparison of docs/collection-efficiency.md, on the GPU machine from the repository
# root (carry .device/app.tar.gz, or the same packed with `tar -cJf .device/app.tar.xz -C .device app`,
# from tools/device/publish.sh). Steps run in the order given:
#   testset N SEED CAP MINUTES   held-out uniform test set: N pad_mm inputs of seed SEED (cap CAP GFLOP),
#                                all 3 rounds (today's collector) -> $OUT/cmp/test.txt
#   uniform LABEL SEED CAP MINUTES
#                                arm 1, today's collector for MINUTES of wall time -> $OUT/cmp/LABEL.txt
#   adaptive LABEL SEED CAP MINUTES
#                                arm 2, --adaptive --stop-when-settled (noise bound from the test set's
#                                repetition spread, q99) for MINUTES -> $OUT/cmp/LABEL.txt
#   throughput LABEL SECONDS SEED [settled]
#                                pad_mm on PyTorch's uncapped distribution for SECONDS (with `settled`:
#                                --stop-when-settled, bound from the test set) -> $OUT/cmp/tp_LABEL.txt
#   hardware                     tools/device/packaged-hardware.sh run (carry .device/packaged-hardware.tar.gz)
# Each log has its sampling side file (.sampling.csv: rounds, seconds, finish time per input).
# Everything is packed into $OUT/comparison.tar.gz; a summary table is printed last.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-/tmp/ah-out}"; mkdir -p "$OUT/cmp"
work=/tmp/ah-app
if [ ! -x "$work/app/AutoHeuristic.Cli" ]; then
  # app.tar.xz (smaller, so more fits the carry limit) or app.tar.gz; Python's tarfile reads both and keeps modes.
  archive="$(ls "$root"/.device/app.tar.xz "$root"/.device/app.tar.gz 2>/dev/null | head -1)"
  mkdir -p "$work" && python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$work"
fi
cli="$work/app/AutoHeuristic.Cli"
cmp="$OUT/cmp"
# A test set carried from an earlier call of the same session serves as noise source and test set.
[ -s "$root/.device/cmp/test.txt" ] && [ ! -s "$cmp/test.txt" ] && cp "$root/.device/cmp/test.txt"* "$cmp/"
summary="$OUT/summary.txt"; : > "$summary"
note() { echo "$*" | tee -a "$summary"; }
nvidia-smi --query-gpu=name,clocks.sm,power.draw,power.limit --format=csv,noheader | tee -a "$summary"
count() { # inputs, rows, rounds histogram of a log's side file
  awk -F, 'NR>1{n++; rows+=$7; r[$6]++} END{printf "%d inputs, %d rows, rounds 1/2/3: %d/%d/%d", n, rows, r[1], r[2], r[3]}' "$1.sampling.csv"
}
while [ $# -gt 0 ]; do
  step="$1"; shift
  t0=$(date +%s)
  case "$step" in
    testset)
      n="$1"; seed="$2"; cap="$3"; minutes="$4"; shift 4
      rm -f "$cmp/test.txt"*
      "$cli" collect pad_mm --samples "$n" --seed "$seed" --max-gflop "$cap" --max-minutes "$minutes" --out "$cmp/test.txt" > "$cmp/test.out" 2>&1
      note "testset exit $?: $(count "$cmp/test.txt") in $(( $(date +%s) - t0 )) s";;
    uniform)
      label="$1"; seed="$2"; cap="$3"; minutes="$4"; shift 4
      rm -f "$cmp/$label.txt"*
      "$cli" collect pad_mm --samples 100000 --seed "$seed" --max-gflop "$cap" --max-minutes "$minutes" --out "$cmp/$label.txt" > "$cmp/$label.out" 2>&1
      note "uniform $label exit $?: $(count "$cmp/$label.txt") in $(( $(date +%s) - t0 )) s";;
    adaptive)
      label="$1"; seed="$2"; cap="$3"; minutes="$4"; shift 4
      rm -f "$cmp/$label.txt"*
      "$cli" collect pad_mm --adaptive --pool "${POOL:-10000}" --round-size "${ROUND_SIZE:-100}" --uniform-share "${UNIFORM_SHARE:-0.2}" \
        --stop-when-settled --noise-from "$cmp/test.txt" \
        --samples 100000 --seed "$seed" --max-gflop "$cap" --max-minutes "$minutes" --out "$cmp/$label.txt" > "$cmp/$label.out" 2>&1
      note "adaptive $label exit $?: $(count "$cmp/$label.txt") in $(( $(date +%s) - t0 )) s; $(grep -m1 'Sequential measurement' "$cmp/$label.out")";;
    throughput)
      label="$1"; secs="$2"; seed="$3"; shift 3
      extra=(); if [ $# -gt 0 ] && [ "$1" = settled ]; then extra=(--stop-when-settled --noise-from "$cmp/test.txt"); shift; fi
      rm -f "$cmp/tp_$label.txt"*
      "$cli" collect pad_mm --samples 5000 --seed "$seed" --max-minutes "$(awk -v s="$secs" 'BEGIN{print s/60}')" "${extra[@]}" --out "$cmp/tp_$label.txt" > "$cmp/tp_$label.out" 2>&1
      note "throughput $label exit $?: $(count "$cmp/tp_$label.txt") in $(( $(date +%s) - t0 )) s";;
    hardware)
      bash "$root/tools/device/packaged-hardware.sh" run > "$cmp/hardware.out" 2>&1; note "hardware exit $?: $(grep -m3 -E 'hardware|key|decid' "$cmp/hardware.out" | tr '\n' ' ')"
      cp "$OUT/packaged_hardware.txt" "$cmp/" 2>/dev/null;;
    *)
      note "unknown step '$step'"; exit 64;;
  esac
done
tar -C "$OUT" -czf "$OUT/comparison.tar.gz" cmp && rm -rf "$cmp"
rm -f "$OUT/packaged_hardware.txt"
echo "---- summary"; cat "$summary"
