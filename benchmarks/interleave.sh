#!/usr/bin/env bash
# Runs BenchmarkDotNet cases interleaved: CYCLES rounds, one process per case per round, the cases back to back, so a
# drift in the machine's speed (minutes long on shared hosts) falls on every case of a round alike. Compare cases by
# the medians over rounds, or by each round's ratio.
#   usage: benchmarks/interleave.sh CYCLES FILTER...     (run from the repository root; each FILTER names one case)
#   prints: round, filter, mean ns/op of the process
set -euo pipefail
if [ "$#" -lt 2 ] || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: benchmarks/interleave.sh CYCLES FILTER..." >&2
  exit 2
fi
cycles=$1
shift
dotnet build benchmarks/MapGuard.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >&2 # errors stay visible
for round in $(seq 1 "$cycles"); do
  for filter in "$@"; do
    mean=$(dotnet run -c Release --no-build --project benchmarks/MapGuard.Benchmarks -- --filter "$filter" --launchCount 1 |
      awk '/^WorkloadResult/ { for (i = 2; i <= NF; i++) if ($i == "ns/op") { gsub(",", "", $(i - 1)); sum += $(i - 1); n++ } }
           END { if (n) printf "%.2f", sum / n; else printf "none" }')
    printf '%s\t%s\t%s\n' "$round" "$filter" "$mean"
  done
done
