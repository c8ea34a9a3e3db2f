#!/usr/bin/env bash
# Long fuzz run (issue 17): the in-process mutation fuzz tests with many more iterations than CI runs.
#   tests/robustness/fuzz-long.sh [ITERATIONS]      (default 100000 per format)
# Every format's loop (safetensors, checkpoints, JSON model descriptions, IDX, CSV) runs ITERATIONS
# mutations; inputs with an unexpected outcome (an exception other than the loader's documented one,
# or an allocation far above the input's size) are saved under $CRASHERS (default
# fuzz-crashers/<date>) to be kept as regression files in tests/DeepSharp.Tests/Fuzz/Crashers/<format>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
iterations=${1:-100000}
crashers=${CRASHERS:-fuzz-crashers/$(date -u +%Y%m%d-%H%M%S)}
export DEEPSHARP_FUZZ_ITERATIONS=$iterations DEEPSHARP_FUZZ_CRASHERS=$PWD/$crashers
dotnet build tests/DeepSharp.Tests -c Release -v quiet
filter="FullyQualifiedName~SafeTensorsFuzzTests|FullyQualifiedName~CheckpointFuzzTests|FullyQualifiedName~ModelDescriptionFuzzTests|FullyQualifiedName~IdxReaderFuzzTests|FullyQualifiedName~CsvFuzzTests"
status=0
dotnet test tests/DeepSharp.Tests -c Release --no-build --filter "$filter" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "mutat|Passed |Failed |iteration|Total tests" || status=$?
if [ -d "$crashers" ]; then
  echo "unexpected outcomes saved in $crashers:"; ls -l "$crashers"
  exit 1
fi
echo "no unexpected outcomes in $iterations mutations per format"
exit $status
