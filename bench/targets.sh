#!/usr/bin/env bash
# One command for every comparison issue 14's targets are judged by, each interleaved within its own script, printing
# medians and ratios (numbers are reported, never asserted; see bench/README.md#targetssh):
#   1. read: the generated Faker connector against the hand-written Utf8JsonWriter emitter, JIT against JIT and native
#      AOT against native AOT, on the issue's workload (1M users, incremental, a STATE every 10,000, stdout through a
#      pipe), RECORD lines checked identical; plus `spec` of both builds against empty programs (read-throughput.sh);
#   2. `spec` under the JIT against an empty .NET 10 app, build variants and tiering settings (spec-startup.sh);
#   3. the `write` reader alone: a file of messages into the no-op destination, without and with the field reader,
#      JIT and native AOT (the issue's reader target is native), final state checked (write-throughput.sh --reader-only
#      --aot);
#   4. with --generator, the source generator's cold and incremental runs (Connectors.Generators.Benchmarks).
#
# usage: bench/targets.sh [-n RUNS] [--baseline GIT-REF] [--generator] [--no-build]
#   -n RUNS          runs per variant in each comparison (default 5)
#   --baseline REF   also the sample built from git REF (say main) in the read and spec comparisons: before and after
#   --generator      also run the generator benchmark (BenchmarkDotNet ShortRun, a few minutes)
#   --no-build       reuse the previous builds
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
baseline=()
generator=0
no_build=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    --baseline) baseline=(--baseline "$2"); shift 2 ;;
    --generator) generator=1; shift ;;
    --no-build) no_build=(--no-build); shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

echo "# issue 14 targets, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## 1. read (incremental, STATE every 10,000, through a pipe) and spec of JIT and native builds"
"$root/bench/read-throughput.sh" -n "$runs" -c "100000 1000000" -s "$((runs * 3))" --incremental --state-every 10000 --pipe \
  "${baseline[@]}" "${no_build[@]}"
echo
echo "## 2. spec under the JIT"
"$root/bench/spec-startup.sh" -n "$((runs * 3))" "${baseline[@]}" "${no_build[@]}"
echo
echo "## 3. the write command's reader alone"
"$root/bench/write-throughput.sh" -n "$runs" -c "100000 1000000" --reader-only --aot "${baseline[@]}" "${no_build[@]}"
if [[ $generator == 1 ]]; then
  echo
  echo "## 4. the source generator"
  # In process: BenchmarkDotNet's own rebuild of the project (no shared compiler) outlasts its 2-minute build timeout
  # on a busy 2-core machine, and then measures nothing.
  dotnet run -c Release --project "$root/bench/Connectors.Generators.Benchmarks" -- --filter '*' --job short --inProcess
fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
