#!/bin/bash
# Measures the AutoHeuristic analyzers' share of compile time on a synthetic 1,000-file project.
# usage: measure_analyzer_cost.sh OUT_DIR SITE_EVERY RUNS
#   SITE_EVERY: one file in SITE_EVERY has two AutoHeuristic call sites (0 = none)
# Prints per run: our analyzer's seconds and the Csc task's milliseconds, as csc's
# /p:ReportAnalyzer=true and MSBuild's performance summary report them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export AH_ARTIFACTS="${AH_ARTIFACTS:-/tmp/ah-analyzers}"
repo="$(cd "$here/../../.." && pwd)"
dotnet build "$repo/src/AutoHeuristic.Analyzers" -c Release -v:q >/dev/null
dotnet build "$repo/src/AutoHeuristic.Runtime" -c Release -v:q >/dev/null
rm -rf "$1" && python3 "$here/make_synthetic_project.py" "$1" "$2"
cd "$1" && dotnet restore -v:q >/dev/null
for r in $(seq 1 "$3"); do
  dotnet build --no-restore --no-incremental -c Release /p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > build.$r.log 2>&1
  ours=$(grep -m1 -E "^ +[0-9.<]+ +[0-9<]+ +AutoHeuristic.Analyzers, " build.$r.log | awk '{print $1}')
  csc=$(grep -E "^ +[0-9]+ ms +Csc " build.$r.log | awk '{print $1}')
  echo "run $r: AutoHeuristic.Analyzers ${ours} s, Csc ${csc} ms"
done
