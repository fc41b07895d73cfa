#!/usr/bin/env bash
# `spec` start-up of the Faker sample under the JIT, beside an empty .NET 10 app, in the ways a framework-dependent
# connector can be built and tuned: the plain build (whose generated Main renders the SPEC line from the build-time spec,
# past the host and System.Text.Json), the full host (`spec --debug` skips nothing), .NET's own tiering defaults instead of ConnectorsEarlyTierUp's, the previous call-count threshold, a ReadyToRun
# publish, with --native the native AOT executables (the sample and an empty native program; their image and .hydrated
# sizes too), and with --baseline the sample built from another git ref (with --native, its native executable as well). Every variant `-n` times, interleaved with a rotating order; CPU time (all threads)
# and page faults from `perf stat -e task-clock,page-faults`, wall time from separate runs. Stdout is /dev/null, except for
# the variant that writes into a pipe (as a platform reads a connector). Numbers are reported, never asserted.
# Usage: bench/spec-startup.sh [-n RUNS] [--baseline GIT-REF] [--native] [--no-build]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
runs=25
build=1
baseline_ref=""
native=0
while [[ $# -gt 0 ]]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    --baseline) baseline_ref=$2; shift 2 ;;
    --native) native=1; shift ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work=$root/bench/results/spec-startup
mkdir -p "$work"
gen_dir=$root/samples/Faker.Source/bin/Release/net10.0
hand_dir=$root/bench/Faker.HandWritten/bin/Release/net10.0
r2r_dir=$work/r2r
aot_dir=$work/aot
aot_baseline_dir=$work/aot-baseline
hand_aot_dir=$work/handwritten-aot
baseline_src=$(baseline_dir spec-startup)
baseline_dir=$baseline_src/samples/Faker.Source/bin/Release/net10.0
if [[ $build == 1 ]]; then
  dotnet build "$root/samples/Faker.Source" -c Release -nologo -v q >&2
  dotnet build "$root/bench/Faker.HandWritten" -c Release -nologo -v q >&2
  dotnet publish "$root/samples/Faker.Source" -c Release -r linux-x64 --self-contained false -p:PublishAot=false \
    -p:PublishReadyToRun=true -nologo -v q -o "$r2r_dir" >&2
  if [[ $native == 1 ]]; then
    command -v clang > /dev/null || { echo "--native needs clang (apt-get install -y clang lld zlib1g-dev)" >&2; exit 1; }
    dotnet publish "$root/samples/Faker.Source" -c Release -r linux-x64 -nologo -v q -o "$aot_dir" >&2
    dotnet publish "$root/bench/Faker.HandWritten" -c Release -r linux-x64 -p:PublishAot=true -nologo -v q -o "$hand_aot_dir" >&2
  fi
  if [[ -n $baseline_ref ]]; then
    build_at_ref "$baseline_ref" "$baseline_src" samples/Faker.Source
    if [[ $native == 1 ]]; then
      dotnet publish "$baseline_src/samples/Faker.Source" -c Release -r linux-x64 -nologo -v q -o "$aot_baseline_dir" >&2
    fi
  fi
fi
command -v perf > /dev/null || { echo "needs perf (apt-get install -y linux-perf)" >&2; exit 1; }

# DOTNET_ numbers are hexadecimal to the runtime: 64 is 100 ms, 1E is 30 calls (before 2026-12-05 this script passed
# 100 and 30, that is 256 ms and 48 calls).
names=("empty .NET 10 app (the floor)" "build: dotnet source-faker.dll spec" "build, the full host (spec --debug)"
  "build, .NET's tiering defaults (delay 100 ms, threshold 30)" "build, call-count threshold 30 (before)" "ReadyToRun publish")
commands=("$hand_dir/faker-handwritten --noop" "dotnet $gen_dir/source-faker.dll spec" "dotnet $gen_dir/source-faker.dll spec --debug"
  "env DOTNET_TC_CallCountingDelayMs=64 DOTNET_TC_CallCountThreshold=1E dotnet $gen_dir/source-faker.dll spec"
  "env DOTNET_TC_CallCountThreshold=1E dotnet $gen_dir/source-faker.dll spec" "dotnet $r2r_dir/source-faker.dll spec")
# The variant whose stdout is a pipe (read by `cat`): perf counts the connector alone.
names+=("build, stdout a pipe")
commands+=("dotnet $gen_dir/source-faker.dll spec")
pipe_variant=$((${#commands[@]} - 1))
native_floor=""
if [[ $native == 1 ]]; then
  [[ -x $aot_dir/source-faker && -x $hand_aot_dir/faker-handwritten ]] || { echo "no native build in $work: run without --no-build" >&2; exit 1; }
  names+=("empty native AOT app (the native floor)" "native AOT: ./source-faker spec")
  commands+=("$hand_aot_dir/faker-handwritten --noop" "$aot_dir/source-faker spec")
  native_floor=$((${#commands[@]} - 2))
fi
if [[ -n $baseline_ref ]]; then
  names+=("build at $baseline_ref")
  commands+=("dotnet $baseline_dir/source-faker.dll spec")
fi
if [[ -n $baseline_ref && $native == 1 ]]; then
  [[ -x $aot_baseline_dir/source-faker ]] || { echo "no native build at $baseline_ref in $work: run without --no-build" >&2; exit 1; }
  names+=("native AOT at $baseline_ref")
  commands+=("$aot_baseline_dir/source-faker spec")
fi

# Every variant must print the same SPEC (the floors print nothing).
expected=$(${commands[1]})
[[ $expected == '{"type":"SPEC",'* ]] || { echo "the build printed no SPEC line" >&2; exit 1; }
for j in "${!commands[@]}"; do
  [[ $j == 0 || $j == "$native_floor" ]] && continue
  [[ "$(${commands[$j]})" == "$expected" ]] || { echo "variant '${names[$j]}' printed another spec" >&2; exit 1; }
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/spec.tsv"
order=("${!commands[@]}")
for ((i = 1; i <= runs; i++)); do
  for j in $(rotated "$i" "${order[@]}"); do
    if [[ $j == "$pipe_variant" ]]; then
      start=$(now_ns)
      ${commands[$j]} | cat > /dev/null
      end=$(now_ns)
      perf stat -x, -e task-clock,page-faults -o "$work/perf.txt" ${commands[$j]} | cat > /dev/null
    else
      start=$(now_ns)
      ${commands[$j]} > /dev/null
      end=$(now_ns)
      perf stat -x, -e task-clock,page-faults -o "$work/perf.txt" ${commands[$j]} > /dev/null
    fi
    cpu=$(awk -F, '/task-clock/ { print $1 }' "$work/perf.txt")
    faults=$(awk -F, '/page-faults/ { print $1 }' "$work/perf.txt")
    printf '%s\t%s\t%s\t%s\n' "$j" "$(( (end - start) / 1000 ))" "$cpu" "$faults" >> "$work/spec.tsv"
  done
done

echo
echo "## spec under the JIT: $runs runs each, interleaved"
echo
echo "| variant | median wall ms | median CPU ms | min CPU ms | page faults | ÷ its empty app (CPU) | ÷ its empty app (wall) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
col() { awk -v j="$1" -v c="$2" '$1 == j { print $c }' "$work/spec.tsv"; }
for j in "${!commands[@]}"; do
  floor=0
  [[ -n $native_floor && ${names[$j]} == *native* ]] && floor=$native_floor
  wall=$(col "$j" 2 | median)
  cpu=$(col "$j" 3 | median)
  min=$(col "$j" 3 | sort -g | head -1)
  faults=$(col "$j" 4 | median)
  awk -v n="${names[$j]}" -v w="$wall" -v c="$cpu" -v m="$min" -v p="$faults" -v fc="$(col "$floor" 3 | median)" \
    -v fw="$(col "$floor" 2 | median)" \
    'BEGIN { printf "| %s | %.1f | %.1f | %.1f | %d | %.2f | %.2f |\n", n, w / 1000, c, m, p, c / fc, w / fw }'
done
if [[ $native == 1 ]]; then
  # What a native start pays for follows the image: its size and the type data rehydrated into .hydrated before Main.
  echo
  echo "| native executable | image bytes | .hydrated bytes |"
  echo "|---|---:|---:|"
  images=("empty native AOT app:$hand_aot_dir/faker-handwritten" "native AOT:$aot_dir/source-faker")
  [[ -n $baseline_ref ]] && images+=("native AOT at $baseline_ref:$aot_baseline_dir/source-faker")
  for image in "${images[@]}"; do
    file=${image#*:}
    hydrated=$(readelf -SW "$file" | awk '{ for (f = 1; f < NF; f++) if ($f == ".hydrated") print $(f + 4) }')
    printf '| %s | %d | %d |\n' "${image%%:*}" "$(stat -c %s "$file")" "$((16#${hydrated:-0}))"
  done
fi
echo
echo "machine: $(nproc) cores, $(uname -sr), .NET SDK $(dotnet --version); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
