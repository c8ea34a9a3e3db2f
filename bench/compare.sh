#!/usr/bin/env bash
# DeepSharp beside what a user would pick instead, on this machine, in one run: PyTorch 1.13 on
# OpenBLAS (python3-torch), TorchSharp 0.107 (libtorch 2.10), ONNX Runtime 1.31, and the FMA peak.
# Everything it runs is in this repository (bench/anchors). Prints one Markdown table (ratios > 1:
# DeepSharp faster) and keeps every raw JSON line.
# Needs: python3-torch libopenblas0-pthread python3-threadpoolctl python3-onnx dataset-fashion-mnist patchelf
# Usage: bench/compare.sh [results.jsonl]   (EPOCHS=3 by default; QUICK=1 for a short smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-$(mktemp --suffix=.jsonl)}
epochs=${EPOCHS:-3}
cache=${DEEPSHARP_ANCHOR_CACHE:-/tmp/deepsharp-anchors}; mkdir -p "$cache"
anchors=bench/anchors
py=/usr/bin/python3
dotnet build src/DeepSharp.Cli -c Release -v q -nologo >/dev/null
cli=src/DeepSharp.Cli/bin/Release/net10.0/DeepSharp.Cli
ds() { "$cli" "$@" | sed 's/^{/{"side":"deepsharp",/'; }
ts() { "$anchors/torchsharp.sh" "$@"; }
if [ "${QUICK:-0}" = 1 ]; then epochs=1; fi

# The trap that inflated earlier ratios 10-40x: PyTorch on the reference BLAS. Stop if so.
$py "$anchors/torch_anchor.py" blas > "$results" || { echo "compare.sh: PyTorch does not run on a real BLAS; install libopenblas0-pthread" >&2; exit 3; }
echo "{\"side\":\"machine\",\"date\":\"$(date -u +%FT%TZ)\",\"cores\":$(nproc),\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$results"
{
  ds bench gemm --size 1024 --threads 2 --json
  $py "$anchors/torch_anchor.py" gemm 1024
  ts gemm 1024
  for model in mlp lenet5; do
    hidden=(); [ "$model" = mlp ] && hidden=(--hidden 128)
    ds bench train --model "$model" "${hidden[@]}" --dataset fashion-mnist --optimizer momentum --lr 0.05 --momentum 0.9 \
      --batch-size 64 --epochs "$epochs" --schedule constant --json
    $py "$anchors/torch_anchor.py" train "$model" "$epochs"
    ts train "$model" "$epochs"
  done
  $py "$anchors/torch_anchor.py" export "$cache"
  [ -f "$cache/ort/OrtAnchor.dll" ] || dotnet build "$anchors/OrtAnchor/OrtAnchor.csproj" -c Release -o "$cache/ort" -v q -nologo >/dev/null
  dotnet "$cache/ort/OrtAnchor.dll" "$cache"
  ds bench infer --model mlp --json
  ds bench infer --model lenet5 --json
  ds bench recurrent --json
  $py "$anchors/torch_anchor.py" recurrent
  ts recurrent
} 2>&1 | tee -a "$results" >&2
echo "{\"side\":\"machine\",\"loadAtEnd\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$results"
echo "raw results: $results"
$py "$anchors/table.py" "$results"
