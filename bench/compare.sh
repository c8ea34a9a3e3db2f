#!/usr/bin/env bash
# Side-by-side measurements on this machine, in one run: the FMA peak, PyTorch (python3-torch)
# and DeepSharp on the same work. Needs: gcc, python3-torch, dataset-fashion-mnist.
# Usage: bench/compare.sh [output-file]   (default: stdout only)
set -euo pipefail
cd "$(dirname "$0")/.."
ref=../shared/reference
out=${1:-/dev/null}
tmp=$(mktemp -d)
ds() { dotnet run --project src/DeepSharp.Cli -c Release --no-build -- "$@"; }
dotnet build src/DeepSharp.Cli -c Release -v q -nologo >/dev/null

{
echo "# compare.sh $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## FMA peak: reference fma_peak.c as shipped, and with 12 distinct accumulators"
gcc -O2 -mavx512f -mfma "$ref/fma_peak.c" -o "$tmp/fma_peak" -lpthread
"$tmp/fma_peak"
# gcc merges fma_peak.c's 12 identically initialised accumulators into one dependent chain
# (objdump shows one vfmadd in the loop); distinct start values keep 12 independent chains.
sed 's/a1=a0,a2=a0,a3=a0,a4=a0,a5=a0,a6=a0,a7=a0,a8=a0,a9=a0,a10=a0,a11=a0;/a1=_mm512_set1_ps(1.01f),a2=_mm512_set1_ps(1.02f),a3=_mm512_set1_ps(1.03f),a4=_mm512_set1_ps(1.04f),a5=_mm512_set1_ps(1.05f),a6=_mm512_set1_ps(1.06f),a7=_mm512_set1_ps(1.07f),a8=_mm512_set1_ps(1.08f),a9=_mm512_set1_ps(1.09f),a10=_mm512_set1_ps(1.1f),a11=_mm512_set1_ps(1.11f);/' \
    "$ref/fma_peak.c" > "$tmp/fma_fixed.c"
gcc -O2 -mavx512f -mfma "$tmp/fma_fixed.c" -o "$tmp/fma_fixed" -lpthread
"$tmp/fma_fixed"
echo "## SGEMM: PyTorch / numpy"
/usr/bin/python3 "$ref/torch_gemm.py"
echo "## SGEMM: DeepSharp (peak = Vector512 FMA loop measured on the same threads)"
for n in 256 512 1024; do
  for t in 1 2; do ds bench gemm --size $n --threads $t --json; done
done
ds bench gemm --m 64 --k 784 --n 128 --threads 2 --json
ds bench gemm --m 64 --k 784 --n 128 --threads 1 --json
echo "## MLP 784-128-10, SGD lr 0.05 momentum 0.9, batch 64, one Fashion-MNIST epoch"
/usr/bin/python3 "$ref/torch_fashion.py" mlp 1
ds bench train --model mlp --hidden 128 --dataset fashion-mnist --optimizer momentum --lr 0.05 --momentum 0.9 --batch-size 64 --epochs 1 --schedule constant --json
echo "## LeNet-5 (ReLU, max pooling), same recipe, one epoch"
/usr/bin/python3 "$ref/torch_fashion.py" lenet 1
ds bench train --model lenet5 --dataset fashion-mnist --optimizer momentum --lr 0.05 --momentum 0.9 --batch-size 64 --epochs 1 --schedule constant --json
} 2>&1 | tee "$out"
rm -rf "$tmp"
