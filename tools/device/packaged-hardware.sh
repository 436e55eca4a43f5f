#!/usr/bin/env bash
# Does the packed AutoHeuristic run time find the GPU by itself? A user's net8.0 app, built from the
# .nupkg (not from the repository's projects) with the H100 pad_mm log, published self-contained
# (the GPU machine has no .NET and no network), then run there with no hardware provider and no
# AUTOHEURISTIC_HARDWARE: the driver must give shared memory 232448 and capability (9, 0), and the
# H100 tree must decide shapes.
#
#   tools/device/packaged-hardware.sh prepare   # here (needs NuGet): -> .device/packaged-hardware.tar.gz
#   tools/device/packaged-hardware.sh run       # on the GPU machine (carry .device/packaged-hardware.tar.gz)
#
# `run` writes $OUT/packaged_hardware.txt and exits non-zero unless the hardware came from the CUDA
# driver with the H100 key (3) and the tree decided at least one shape (2).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
step="${1:-}"
case "$step" in
  prepare)
    export AH_ARTIFACTS="${AH_ARTIFACTS:-/tmp/ah-device-publish}"
    work="$(mktemp -d)"
    version="0.1.0-hwcheck$(date -u +%Y%m%d%H%M%S)"
    dotnet pack "$root/src/AutoHeuristic/AutoHeuristic.csproj" -c Release -o "$work/feed" -p:PackageVersion="$version" -warnaserror >/dev/null
    mkdir -p "$work/app/heuristics"
    cp "$root"/tools/device/PackagedHardwareCheck/* "$work/app/"
    cp "$root/samples/data/pad_mm_h100.txt" "$work/app/heuristics/"
    cat > "$work/app/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="autoheuristic-local" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG
    out="$root/.device/packaged-hardware"
    rm -rf "$out" && mkdir -p "$out"
    NUGET_PACKAGES="$work/packages" dotnet publish "$work/app/PackagedHardwareCheck.csproj" -c Release -r linux-x64 --self-contained true \
      -p:AutoHeuristicVersion="$version" -p:DebugType=none -o "$out" >/dev/null
    # Proof that it runs, on this machine without a GPU: cpu, every decision falls back, and why.
    "$out/PackagedHardwareCheck" | sed -n '1,4p'
    tar -C "$root/.device" -czf "$root/.device/packaged-hardware.tar.gz" packaged-hardware
    du -sh "$root/.device/packaged-hardware.tar.gz"
    rm -rf "$work";;
  run)
    OUT="${OUT:-/tmp/ah-out}"; mkdir -p "$OUT"
    work=/tmp/ah-packaged-hardware
    rm -rf "$work" && mkdir -p "$work" && tar -C "$work" -xzf "$root/.device/packaged-hardware.tar.gz"
    nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader | tee "$OUT/packaged_hardware.txt" || true
    set +e
    env -u AUTOHEURISTIC_HARDWARE "$work/packaged-hardware/PackagedHardwareCheck" --require-gpu --require-decisions 2>&1 | tee -a "$OUT/packaged_hardware.txt"
    code=${PIPESTATUS[0]}
    echo "exit $code" | tee -a "$OUT/packaged_hardware.txt"
    exit "$code";;
  *)
    echo "usage: $0 prepare|run" >&2; exit 64;;
esac
