#!/usr/bin/env bash
# Runs the decision-path benchmarks on every framework the run-time library ships for apps
# (.NET 8 and .NET 10). Each framework is published self-contained, so its runtime comes from
# NuGet's runtime pack and need not be installed (this machine has only the .NET 10 runtime).
#
#   benchmarks/run-frameworks.sh [OUT_DIR] [FILTER]
#
# Results: OUT_DIR/<tfm>-results/results/*-report-github.md (BenchmarkDotNet's tables).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/ah-bench-frameworks}"
filter="${2:-*DecisionBenchmarks*}"
rid="${RID:-linux-x64}"
for tfm in net8.0 net10.0; do
  dotnet publish "$root/benchmarks/AutoHeuristic.Benchmarks" -c Release -f "$tfm" -r "$rid" --self-contained -o "$out/$tfm" -v q -nologo
  "$out/$tfm/AutoHeuristic.Benchmarks" --filter "$filter" --job short --inProcess --artifacts "$out/$tfm-results"
done
