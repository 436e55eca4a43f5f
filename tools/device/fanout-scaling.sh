#!/usr/bin/env bash
# Multi-GPU fan-out scaling on one host (run on the GPU machine from the repository root, with
# .device/app.tar.gz from tools/device/publish.sh carried along).
# The same plan (N inputs, seed S, 2 shards, so identical inputs) runs first on GPU 0 alone, then
# on GPUs 0 and 1. Prints inputs per minute of each and their ratio, checks that both merged logs
# hold the same inputs in the same order (feedback aside), and copies the logs to $OUT.
# Usage: tools/device/fanout-scaling.sh [OP] [N] [SEED] [CAP_GFLOP]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
op="${1:-pad_mm}"; n="${2:-300}"; seed="${3:-500}"; cap="${4:-2000}"
OUT="${OUT:-/tmp/ah-out}"; mkdir -p "$OUT"
work="${AH_APP_DIR:-/tmp/ah-app}"
if [ ! -d "$work/app" ]; then
  mkdir -p "$work" && tar -C "$work" -xzf "$root/.device/app.tar.gz"
fi
app="$work/app/autoheuristic"; [ -x "$app" ] || app="$work/app/AutoHeuristic.Cli"
runs=/tmp/ah-fanout; rm -rf "$runs"; mkdir -p "$runs"
summary="$OUT/summary.txt"; : > "$summary"
note() { echo "$*" | tee -a "$summary"; }
nvidia-smi -L | tee -a "$summary"

collect() { # name devices
  local name="$1" devices="$2" start end rc
  start=$(date +%s.%N)
  "$app" collect "$op" --samples "$n" --seed "$seed" --max-gflop "$cap" --shards 2 --devices "$devices" \
    --out "$runs/$name.txt" >"$OUT/$name.console.txt" 2>&1
  rc=$?
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v n="$n" -v name="$name" -v d="$devices" -v rc="$rc" \
    'BEGIN { s = b - a; printf "%s: devices %s, exit %d, %d inputs in %.1f s = %.1f inputs/min\n", name, d, rc, n, s, n * 60 / s }' | tee -a "$summary"
  grep -E "throughput|merged|incomplete" "$OUT/$name.console.txt" | tee -a "$summary"
}

collect one-gpu 0
collect two-gpus 0,1

perMin() { sed -n "s/^$1: .* = \([0-9.]*\) inputs\/min$/\1/p" "$summary"; }
awk -v one="$(perMin one-gpu)" -v two="$(perMin two-gpus)" \
  'BEGIN { if (one > 0) printf "scaling: 2 GPUs / 1 GPU = %.2fx (target >= 1.8x)\n", two / one }' | tee -a "$summary"

# Same inputs and choices, row for row: every column but the last (feedback).
strip() { awk -F, 'NR > 2 { NF--; print }' OFS=, "$1"; }
if cmp -s <(head -2 "$runs/one-gpu.txt") <(head -2 "$runs/two-gpus.txt") && cmp -s <(strip "$runs/one-gpu.txt") <(strip "$runs/two-gpus.txt"); then
  note "merged logs: same metadata, header and $(strip "$runs/one-gpu.txt" | wc -l) rows of inputs in both runs"
else
  note "merged logs DIFFER between the runs (see the copies in \$OUT)"
fi

cp "$runs/one-gpu.txt" "$runs/two-gpus.txt" "$OUT/" 2>/dev/null
tar -C "$runs" -czf "$OUT/shards.tar.gz" one-gpu.txt.shards two-gpus.txt.shards 2>/dev/null
echo "==== summary"; cat "$summary"
