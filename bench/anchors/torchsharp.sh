#!/usr/bin/env bash
# Runs TorchSharpAnchor (TorchSharp 0.107 = libtorch 2.10 CPU). Its native glue needs GLIBCXX_3.4.32
# (GCC 13) and Debian 12 ships 3.4.30, so this unpacks Debian 13's libc6 / libstdc++6 / libgcc-s1 into
# a cache folder (nothing installed system-wide) and runs a copy of the dotnet host whose ELF
# interpreter is that glibc's loader (patchelf). A Debian 12 user of TorchSharp needs the same step.
# Usage: bench/anchors/torchsharp.sh gemm N... | train mlp|lenet5 EPOCHS | recurrent
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${DEEPSHARP_ANCHOR_CACHE:-/tmp/deepsharp-anchors}/torchsharp
libs=$cache/debian13/usr/lib/x86_64-linux-gnu
mkdir -p "$cache"
if ! command -v patchelf >/dev/null; then
  echo "torchsharp.sh: patchelf is needed (apt-get install patchelf)" >&2; exit 3
fi
if [ ! -x "$libs/ld-linux-x86-64.so.2" ]; then
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
  apt=$cache/apt; mkdir -p "$apt/lists/partial" "$apt/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$apt/sources.list"
  opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$apt/lists" -o Dir::Cache::Archives="$apt/archives")
  apt-get "${opts[@]}" update -qq
  (cd "$apt" && apt-get "${opts[@]}" download libc6 libstdc++6 libgcc-s1 >/dev/null)
  for deb in "$apt"/*.deb; do dpkg -x "$deb" "$cache/debian13"; done
fi
host=$cache/dotnet
if [ ! -x "$host/dotnet" ]; then
  real=$(dirname "$(readlink -f "$(command -v dotnet)")")
  mkdir -p "$host"; for f in "$real"/*; do ln -sfn "$f" "$host/"; done
  rm -f "$host/dotnet"; cp "$real/dotnet" "$host/dotnet"
  patchelf --set-interpreter "$libs/ld-linux-x86-64.so.2" "$host/dotnet"
fi
out=$cache/out
if [ ! -f "$out/TorchSharpAnchor.dll" ] || [ "$here/TorchSharpAnchor/Program.cs" -nt "$out/TorchSharpAnchor.dll" ]; then
  log=$(mktemp); dotnet build "$here/TorchSharpAnchor/TorchSharpAnchor.csproj" -c Release -o "$out" -v q -nologo >"$log" 2>&1 || { cat "$log" >&2; exit 3; }
fi
LD_LIBRARY_PATH="$libs:$out/cpu" "$host/dotnet" "$out/TorchSharpAnchor.dll" "$@"
