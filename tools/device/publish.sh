#!/usr/bin/env bash
# Builds the self-contained linux-x64 bundle for the GPU machine (no .NET there):
# the CLI and the device-side checker, published into one folder and packed as
# .device/app.tar.gz (git-ignored; copy it to the GPU machine with the repository).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export AH_ARTIFACTS="${AH_ARTIFACTS:-/tmp/ah-device-publish}"
out="$root/.device/app"
rm -rf "$out" && mkdir -p "$out"
for project in src/AutoHeuristic.Cli tools/device/GpuCheck; do
  dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained true \
    -p:PublishTrimmed=false -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out" >/dev/null
done
tar -C "$root/.device" -czf "$root/.device/app.tar.gz" app
du -sh "$out" "$root/.device/app.tar.gz"
