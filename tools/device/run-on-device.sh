#!/usr/bin/env bash
# Runs on the GPU machine from the repository root (carry .device/app.tar.gz).
# Usage: tools/device/run-on-device.sh STEP... where STEP is one of
#   selftest            GPU correctness checks (tests the bindings, kernels, timer, harness)
#   fidelity [A]        GpuBenchmark (do_bench-like and collection presets) vs triton.testing.do_bench on the
#                       same cuBLASLt call: per shape, A alternations (default 5) of do_bench and ours back to
#                       back (fidelity.py drives `GpuCheck fidelity --serve`); medians, ratio, do_bench's spread
#   use-eval N CAP SEED K [SECONDS]
#                       live mm use mode (`use-evaluate mm`): trained on samples/data/mm_h100_seed{1,2}.txt,
#                       N held-out inputs of seed SEED (cap CAP GFLOP), learned top-K vs full autotuning vs
#                       cuBLASLt's first pick -> $OUT/use_mm_seedSEED_kK.{txt,csv}; with SECONDS, no new
#                       input starts after that many seconds (about 1.5 s per input at CAP 200);
#                       NARROWING=adaptive in the environment: AdaptiveNarrowing instead of the top-k rule
#   padmm-smoke         30 pad_mm inputs (throughput probe, capped distribution)
#   mm-smoke            5 mm inputs
#   padmm-uncapped      12 pad_mm inputs of PyTorch's uncapped distribution (throughput only)
#   padmm N CAP SEED    N pad_mm inputs, cap CAP GFLOP -> $OUT/pad_mm_h100.txt
#   mm N CAP SEED       N mm inputs, cap CAP GFLOP -> $OUT/mm_h100_seedSEED.txt
#   throughput LABEL SECONDS SEED [CAP]
#                       pad_mm collection for a fixed wall budget (uncapped without CAP):
#                       inputs/min from timestamped progress, GPU floor and efficiency (throughput.py)
#   pytorch-collector LABEL SECONDS
#                       PyTorch's real collection path (3 torch.compile runs per input, pad_mm collection on)
#                       on the first inputs of throughput LABEL's log (same inputs)
#   pytorch-baseline LABEL SECONDS
#                       PyTorch's benchmark_gpu on the first inputs of throughput LABEL's log (same inputs)
# Results go to $OUT; a summary table is printed last.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-/tmp/ah-out}"; mkdir -p "$OUT"
work=/tmp/ah-app
if [ ! -x "$work/app/AutoHeuristic.Cli" ]; then
  mkdir -p "$work" && tar -C "$work" -xzf "$root/.device/app.tar.gz"
fi
app="$work/app"
summary=/tmp/ah-summary.txt; : > "$summary"
note() { echo "$*" | tee -a "$summary"; }
nvidia-smi --query-gpu=name,clocks.sm,power.draw,power.limit --format=csv,noheader | tee -a "$summary"
# replay MODE LABEL SECONDS REPORT [ARGS...]: PyTorch's side (throughput.py MODE) on the inputs of throughput LABEL's log.
replay() {
  local mode="$1" label="$2" secs="$3" report="$4"; shift 4
  timeout "$((secs + 90))" python3 "$root/tools/device/throughput.py" "$mode" --log "$OUT/throughput_$label.txt" --inputs 50 --budget-s "$secs" "$@" \
    --ours-progress "$OUT/throughput_$label.progress" --start "$(cat "$OUT/throughput_$label.start")" | tee "$report" | tail -3 | tee -a "$summary"
}
while [ $# -gt 0 ]; do
  step="$1"; shift
  start=$(date +%s.%N)
  case "$step" in
    selftest)
      "$app/GpuCheck" selftest --out "$OUT/selftest.txt"; note "selftest exit $?: $(tail -1 "$OUT/selftest.txt")";;
    fidelity)
      alt=5; if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then alt="$1"; shift; fi
      rm -f "$OUT/fidelity.jsonl"
      # A guard against a stuck driver (the whole run usually takes 1.5 to 2 minutes); the shapes done by then are kept.
      timeout -k 10 "${FIDELITY_TIMEOUT:-360}" python3 "$root/tools/device/fidelity.py" alternate --gpucheck "$app/GpuCheck" --alternations "$alt" --out "$OUT/fidelity.jsonl" > "$OUT/fidelity_progress.txt" \
        || note "fidelity: the alternating run failed (exit $?; see $OUT/fidelity_progress.txt)"
      python3 "$root/tools/device/fidelity.py" report --in "$OUT/fidelity.jsonl" --preset default | tee "$OUT/fidelity.txt"
      python3 "$root/tools/device/fidelity.py" report --in "$OUT/fidelity.jsonl" --preset collection | tee "$OUT/fidelity_collection.txt"
      note "fidelity, $alt alternations (do_bench-like preset): $(tail -1 "$OUT/fidelity.txt")"
      note "fidelity, $alt alternations (collection preset): $(tail -1 "$OUT/fidelity_collection.txt")";;
    use-eval)
      n="$1"; cap="$2"; seed="$3"; k="$4"; shift 4
      budget=(); if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9.]+$ ]]; then budget=(--max-seconds "$1"); shift; fi
      narrowing="${NARROWING:-top-k}"; base="$OUT/use_mm_seed${seed}_k$k"; [ "$narrowing" = top-k ] || base="${base}_$narrowing"
      "$app/AutoHeuristic.Cli" use-evaluate mm --train "$root/samples/data/mm_h100_seed1.txt" --train "$root/samples/data/mm_h100_seed2.txt" \
        --samples "$n" --seed "$seed" --max-gflop "$cap" --top-k "$k" --narrowing "$narrowing" "${budget[@]}" --out "$base.csv" > "$base.txt" 2>&1
      note "use-eval exit $?: up to $n inputs, seed $seed, cap $cap GFLOP, top-$k ${budget[*]}"
      tail -9 "$base.txt" | tee -a "$summary";;
    throughput)
      label="$1"; secs="$2"; seed="$3"; shift 3
      cap=(); if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9.]+$ ]]; then cap=(--max-gflop "$1"); shift; fi
      log="$OUT/throughput_$label.txt"; prog="$OUT/throughput_$label.progress"; rm -f "$log"* "$prog"
      t0=$(date +%s.%N)
      AUTOHEURISTIC_PROGRESS_LINES=1 timeout -s INT -k 60 "$secs" "$app/AutoHeuristic.Cli" collect pad_mm --samples 5000 --seed "$seed" "${cap[@]}" --out "$log" \
        | while IFS= read -r l; do printf '%s %s\n' "$(date +%s.%N)" "$l"; done > "$prog"
      echo "$t0" > "$OUT/throughput_$label.start"
      [ -s "$log.errors.txt" ] && note "$label: $(wc -l < "$log.errors.txt") inputs skipped (see $log.errors.txt)"
      python3 "$root/tools/device/throughput.py" summarize --log "$log" --progress "$prog" --start "$t0" --label "$label" | tee -a "$summary";;
    pytorch-baseline)
      replay pytorch "$1" "$2" "$OUT/pytorch_baseline_$1.txt"; shift 2;;
    pytorch-collector)
      replay collector "$1" "$2" "$OUT/pytorch_collector_$1.txt" --ah-log "$OUT/pytorch_collector_$1.ahlog.txt"; shift 2;;
    padmm-smoke)
      rm -f /tmp/smoke_pad.txt*; "$app/AutoHeuristic.Cli" collect pad_mm --samples 30 --seed 900 --max-gflop "${CAP:-2000}" --out /tmp/smoke_pad.txt | tail -4 | tee -a "$summary";;
    mm-smoke)
      rm -f /tmp/smoke_mm.txt*; "$app/AutoHeuristic.Cli" collect mm --samples 5 --seed 900 --max-gflop "${CAP:-500}" --out /tmp/smoke_mm.txt | tail -4 | tee -a "$summary"
      head -c 600 /tmp/smoke_mm.txt; echo;;
    padmm-uncapped)
      rm -f /tmp/uncapped.txt*; "$app/AutoHeuristic.Cli" collect pad_mm --samples 12 --seed 901 --out /tmp/uncapped.txt | tail -4 | tee -a "$summary";;
    padmm)
      n="$1"; cap="$2"; seed="$3"; shift 3
      "$app/AutoHeuristic.Cli" collect pad_mm --samples "$n" --seed "$seed" --max-gflop "$cap" --out "$OUT/pad_mm_h100.txt" --resume | tail -4 | tee -a "$summary";;
    mm)
      n="$1"; cap="$2"; seed="$3"; shift 3
      "$app/AutoHeuristic.Cli" collect mm --samples "$n" --seed "$seed" --max-gflop "$cap" --out "$OUT/mm_h100_seed$seed.txt" --resume | tail -4 | tee -a "$summary";;
    *) note "unknown step $step";;
  esac
  note "step $step took $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
done
echo "==== summary"; cat "$summary"
