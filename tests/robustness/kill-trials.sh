#!/usr/bin/env bash
# kill -9 trials (issue 17): start `deepsharp train` with a checkpoint every epoch, kill it with
# SIGKILL at a random moment after its first checkpoint, then check what it left:
#   - `evaluate --checkpoint` accepts the checkpoint (exit 0), with its class names and dataset;
#   - history.csv (when present) does not run ahead of the checkpoint;
#   - `train --resume <dir>` into the same directory accepts it without extra options (exit 0),
#     and afterwards no temporary file (.<name>.<guid>.tmp) is left in the directory.
#   tests/robustness/kill-trials.sh [TRIALS]   (default 100)
set -uo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-100}
dll=${DEEPSHARP_CLI:-src/DeepSharp.Cli/bin/Release/net10.0/DeepSharp.Cli.dll}
[ -f "$dll" ] || dotnet build src/DeepSharp.Cli -c Release -v quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bad=0; temp_after_kill=0; done_trials=0
epoch_of() { # the checkpoint's deepsharp.epoch metadata
  python3 - "$1" <<'PY'
import json, struct, sys
b = open(sys.argv[1], 'rb').read(); n = struct.unpack('<Q', b[:8])[0]
print(json.loads(b[8:8 + n])['__metadata__']['deepsharp.epoch'])
PY
}
for i in $(seq 1 "$trials"); do
  dir=$work/run-$i
  dotnet "$dll" train --epochs 100000 --samples 200 --hidden 32,32 --batch-size 8 --quiet --out "$dir" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do [ -f "$dir/checkpoint.safetensors" ] && break; sleep 0.1; done
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  ls -a "$dir" | grep -qE '^\..*\.[0-9a-f]{32}\.tmp$' && temp_after_kill=$((temp_after_kill + 1))
  problem=""
  if ! out=$(dotnet "$dll" evaluate --checkpoint "$dir/checkpoint.safetensors" --json 2>&1); then problem="evaluate: $out"; fi
  epoch=$(epoch_of "$dir/checkpoint.safetensors" 2>/dev/null || echo "?")
  if [ -z "$problem" ] && [ -f "$dir/history.csv" ]; then
    last=$(tail -n 1 "$dir/history.csv" | cut -d, -f1)
    [ "$last" = epoch ] || [ "$last" -le "$epoch" ] || problem="history.csv ends at epoch $last, checkpoint at $epoch"
  fi
  if [ -z "$problem" ]; then
    if ! out=$(dotnet "$dll" train --resume "$dir" --epochs $((epoch + 1)) --samples 200 --batch-size 8 --quiet --out "$dir" 2>&1); then problem="resume: $out"; fi
  fi
  if [ -z "$problem" ] && ls -a "$dir" | grep -qE '^\..*\.[0-9a-f]{32}\.tmp$'; then problem="temporary files left after the next run"; fi
  done_trials=$i
  if [ -n "$problem" ]; then bad=$((bad + 1)); echo "trial $i (checkpoint epoch $epoch): $problem"; fi
  rm -rf "$dir"
done
echo "$done_trials kill -9 trials: $bad failed; temporary files present right after the kill in $temp_after_kill (removed by the next run)"
[ "$bad" = 0 ]
