#!/usr/bin/env bash
# Data-parallel scaling on this machine (docs/scaling.md): all-reduce latency and bandwidth, then one
# epoch of the MLP and LeNet-5 on Fashion-MNIST as 1 rank x 2 threads and 2 ranks x 1 thread
# (same global batch), with the gradient all-reduce time per step and the overlap the run reports.
# Usage: bench/mpi_scaling.sh [samples] (default 8192). Build first: dotnet build src/DeepSharp.Cli -c Release
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-8192}
cli=src/DeepSharp.Cli/bin/Release/net10.0/DeepSharp.Cli.dll
mpi=(mpirun --oversubscribe --allow-run-as-root --bind-to none)
out=$(mktemp -d)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(mpirun --version | head -1)"
echo "## all-reduce, 2 ranks (shared memory)"
"${mpi[@]}" -np 2 dotnet "$cli" bench allreduce --repeats 100 --max-bytes 1048576 </dev/null | grep -v '^\s*$' | tr -d '\033' | sed 's/\[?1h=//g'
for model in mlp lenet5; do
  common=(train --dataset fashion-mnist --model "$model" --samples "$samples" --validation-split 0 --epochs 1 --optimizer adam --lr 0.001 --seed 1)
  echo "## $model, one epoch of $samples samples, global batch 64"
  dotnet "$cli" "${common[@]}" --batch-size 64 --threads 2 --out "$out/$model-1x2" </dev/null | grep -E '^epoch|^test' || true
  "${mpi[@]}" -np 2 dotnet "$cli" "${common[@]}" --batch-size 32 --threads 1 --out "$out/$model-2x1" </dev/null | tr -d '\033' | grep -E 'epoch 1/1|all-reduce|^test' || true
  echo "seconds (history.csv): 1x2 $(tail -1 "$out/$model-1x2/history.csv" | cut -d, -f7), 2x1 $(tail -1 "$out/$model-2x1/history.csv" | cut -d, -f7)"
done
rm -rf "$out"
