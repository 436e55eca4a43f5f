#!/usr/bin/env bash
# Fan-out failure handling on real GPUs (run on the GPU machine from the repository root, with
# .device/app.tar.gz from tools/device/publish.sh carried along):
#   1. SIGTERM to the orchestrator mid-run: it must stop its workers (none left running);
#   2. --resume, then kill -9 one worker mid-run: the other shard must finish;
#   3. --resume to the end: merged log;
#   4. a clean run of the same plan: the merged logs must hold the same inputs, row for row.
# Usage: tools/device/fanout-crash-resume.sh [N] [SEED] [CAP_GFLOP]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-300}"; seed="${2:-700}"; cap="${3:-2000}"
OUT="${OUT:-/tmp/ah-out}"; mkdir -p "$OUT"
work="${AH_APP_DIR:-/tmp/ah-app}"
if [ ! -d "$work/app" ]; then
  mkdir -p "$work" && tar -C "$work" -xzf "$root/.device/app.tar.gz"
fi
app="$work/app/autoheuristic"; [ -x "$app" ] || app="$work/app/AutoHeuristic.Cli"
runs=/tmp/ah-crash; rm -rf "$runs"; mkdir -p "$runs"
summary="$OUT/crash-summary.txt"; : > "$summary"
note() { echo "$*" | tee -a "$summary"; }
# The tool is started directly (not through a shell function) so that $! is its own pid.
plan=(collect pad_mm --samples "$n" --seed "$seed" --max-gflop "$cap" --devices 0,1)
consoles="$OUT/consoles.txt"; : > "$consoles"
pids() { sed -n 's/^# pid \([0-9]*\)$/\1/p' "$1" 2>/dev/null; }
rows() { for f in "$runs"/crash.txt.shards/shard-*-of-2.txt; do printf '%s: %s lines; ' "$(basename "$f")" "$(wc -l < "$f")"; done; }

# 1. SIGTERM the orchestrator.
echo "==== 1" >> "$consoles"
"$app" "${plan[@]}" --out "$runs/crash.txt" >> "$consoles" 2>&1 &
orchestrator=$!
sleep 10; kill -TERM "$orchestrator"; wait "$orchestrator"; rc=$?
sleep 1
alive=0
for p in $(pids "$runs/crash.txt.shards/shard-0-of-2.log") $(pids "$runs/crash.txt.shards/shard-1-of-2.log"); do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
note "1. SIGTERM after 10 s: exit $rc, workers still running: $alive; $(rows)"

# 2. Resume, then kill -9 the worker of shard 1 (by its pid from its console log).
echo "==== 2" >> "$consoles"
"$app" "${plan[@]}" --out "$runs/crash.txt" --resume >> "$consoles" 2>&1 &
orchestrator=$!
sleep 8
victim=$(pids "$runs/crash.txt.shards/shard-1-of-2.log" | tail -1)
kill -9 "$victim"; wait "$orchestrator"; rc=$?
note "2. resume, kill -9 of shard 1's worker (pid $victim) after 8 s: exit $rc; $(rows)"
sed -n '/^==== 2/,$p' "$consoles" | grep -E "done on GPU|FAILED|incomplete" | tee -a "$summary"

# 3. Resume to the end.
echo "==== 3" >> "$consoles"
timeout 300 "$app" "${plan[@]}" --out "$runs/crash.txt" --resume > "$runs/step3.txt" 2>&1; rc=$?
cat "$runs/step3.txt" >> "$consoles"
note "3. resume to the end: exit $rc; $(grep -E '^merged|incomplete' "$runs/step3.txt")"

# 4. A clean run of the same plan, and the comparison (every column but feedback).
echo "==== 4" >> "$consoles"
timeout 300 "$app" "${plan[@]}" --out "$runs/clean.txt" > "$runs/step4.txt" 2>&1; rc=$?
cat "$runs/step4.txt" >> "$consoles"
note "4. clean run: exit $rc; $(grep -E '^merged|throughput' "$runs/step4.txt" | tr '\n' ' ')"
strip() { awk -F, 'NR > 2 { NF--; print }' OFS=, "$1"; }
if cmp -s <(head -2 "$runs/crash.txt") <(head -2 "$runs/clean.txt") && cmp -s <(strip "$runs/crash.txt") <(strip "$runs/clean.txt"); then
  note "crashed-and-resumed vs clean: same metadata, header and $(strip "$runs/clean.txt" | wc -l) rows of inputs, same order"
else
  note "crashed-and-resumed vs clean: DIFFERENT ($(strip "$runs/crash.txt" | wc -l) vs $(strip "$runs/clean.txt" | wc -l) rows)"
fi
grep -c . "$runs/crash.txt" "$runs/clean.txt" | tee -a "$summary"
cp "$runs/crash.txt" "$runs/clean.txt" "$OUT/" 2>/dev/null
tar -C "$runs" -czf "$OUT/crash-shards.tar.gz" crash.txt.shards 2>/dev/null
echo "==== summary"; cat "$summary"
