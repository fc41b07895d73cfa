#!/usr/bin/env bash
# Read throughput and memory of the generated Faker connector against a hand-written Utf8JsonWriter emitter of the
# same records, plus `spec` start-up time. Numbers are reported, never asserted. See bench/README.md.
#
# usage: bench/read-throughput.sh [-n RUNS] [-c "COUNT ..."] [-s SPEC_RUNS] [--baseline GIT-REF] [--incremental]
#                                  [--state-every N] [--pipe] [--no-aot] [--no-build]
#   -n RUNS          runs per variant and count, interleaved (default 5)
#   -c "COUNT ..."   user counts to read (default "100000 1000000")
#   -s SPEC_RUNS     runs of each `spec` variant (default 20; 0 skips spec)
#   --baseline REF   also run the sample as built from git REF (say main), as variant generated@REF (and its `spec`),
#                    and, unless --no-aot, published native as generated-aot@REF (PublishAot added to its project):
#                    before and after numbers for a runtime change, from one interleaved run
#   --incremental    read `users` incrementally (a STATE message, and a flush, every records_per_slice = 1000 records)
#                    instead of full_refresh
#   --state-every N  with --incremental: a STATE message every N records (records_per_slice = N)
#   --pipe           stdout through a pipe (`| cat > /dev/null`) instead of straight to /dev/null, as a platform reads it
#   --no-aot         skip the native AOT builds (the sample and the hand-written emitter, PublishAot; need clang and lld)
#   --no-build       reuse the previous builds
set -euo pipefail

runs=5
counts="100000 1000000"
spec_runs=20
sync_mode=full_refresh
records_per_slice=1000
aot=1
pipe=0
build=1
baseline_ref=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -c) counts=$2; shift 2 ;;
    -s) spec_runs=$2; shift 2 ;;
    --baseline) baseline_ref=$2; shift 2 ;;
    --incremental) sync_mode=incremental; shift ;;
    --state-every) records_per_slice=$2; sync_mode=incremental; shift 2 ;;
    --pipe) pipe=1; shift ;;
    --no-aot) aot=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
work=$root/bench/results/read-throughput   # bench/results/ is git-ignored
mkdir -p "$work"
gen_dir=$root/samples/Faker.Source/bin/Release/net10.0
hand_dir=$root/bench/Faker.HandWritten/bin/Release/net10.0
aot_dir=$work/aot
hand_aot_dir=$work/handwritten-aot
baseline_src=$(baseline_dir read-throughput)
baseline_dir=$baseline_src/samples/Faker.Source/bin/Release/net10.0
baseline_aot_dir=$work/baseline-aot

if [[ ! -x /usr/bin/time ]]; then
  echo "GNU time (/usr/bin/time) is needed for peak RSS" >&2
  exit 1
fi

if [[ $build == 1 ]]; then
  echo "== building (Release)" >&2
  dotnet build "$root/samples/Faker.Source" -c Release -nologo -v q >&2
  dotnet build "$root/bench/Faker.HandWritten" -c Release -nologo -v q >&2
  if [[ $aot == 1 ]]; then
    # The sample sets PublishAot itself; the hand-written emitter is published native from the command line.
    if command -v clang >/dev/null && dotnet publish "$root/samples/Faker.Source" -c Release -r linux-x64 -nologo -v q -o "$aot_dir" >&2 \
      && dotnet publish "$root/bench/Faker.HandWritten" -c Release -r linux-x64 -p:PublishAot=true -nologo -v q -o "$hand_aot_dir" >&2; then
      :
    else
      echo "native AOT publish failed or clang is missing: skipping the AOT rows" >&2
      aot=0
    fi
  fi
  if [[ -n $baseline_ref ]]; then
    echo "== building the sample at $baseline_ref" >&2
    build_at_ref "$baseline_ref" "$baseline_src" samples/Faker.Source
    if [[ $aot == 1 ]]; then
      # The sample at REF may predate PublishAot in its project: add it there (on the command line it would reach the
      # netstandard2.0 generator project too, which cannot be compiled native).
      grep -q '<PublishAot>' "$baseline_src/samples/Faker.Source/Faker.Source.csproj" \
        || sed -i 's|</AssemblyName>|</AssemblyName><PublishAot>true</PublishAot>|' "$baseline_src/samples/Faker.Source/Faker.Source.csproj"
      dotnet publish "$baseline_src/samples/Faker.Source" -c Release -r linux-x64 -nologo -v q -o "$baseline_aot_dir" >&2
    fi
  fi
fi
[[ $aot == 1 && ( ! -x $aot_dir/source-faker || ! -x $hand_aot_dir/faker-handwritten ) ]] && aot=0

catalog=$work/catalog.users.$sync_mode.json
cat > "$catalog" <<EOF
{"streams":[{"stream":{"name":"users","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh","incremental"],
"source_defined_cursor":true,"default_cursor_field":["updated_at"],"source_defined_primary_key":[["id"]]},
"sync_mode":"$sync_mode","destination_sync_mode":"append","cursor_field":["updated_at"],"primary_key":[["id"]]}]}
EOF
config_for() { # count always_updated
  local file=$work/config.$1.$2.json
  printf '{"count":%s,"seed":0,"records_per_slice":%s,"always_updated":%s}\n' "$1" "$records_per_slice" "$2" > "$file"
  echo "$file"
}

command_for() { # variant config
  case "$1" in
    handwritten) echo "$hand_dir/faker-handwritten --config $2" ;;
    handwritten-aot) echo "$hand_aot_dir/faker-handwritten --config $2" ;;
    generated) echo "$gen_dir/source-faker read --config $2 --catalog $catalog" ;;
    generated-aot) echo "$aot_dir/source-faker read --config $2 --catalog $catalog" ;;
    generated-aot@*) echo "$baseline_aot_dir/source-faker read --config $2 --catalog $catalog" ;;
    generated@*) echo "$baseline_dir/source-faker read --config $2 --catalog $catalog" ;;
  esac
}

variants="handwritten generated"
[[ -n $baseline_ref ]] && variants="$variants generated@$baseline_ref"
[[ $aot == 1 ]] && variants="$variants handwritten-aot generated-aot"
[[ $aot == 1 && -n $baseline_ref ]] && variants="$variants generated-aot@$baseline_ref"

# Same records, same bytes: the RECORD lines of every variant must match the hand-written ones, emitted_at aside.
echo "== checking that every variant writes the same RECORD lines (5000 users, always_updated=false)" >&2
check_config=$(config_for 5000 false)
for variant in $variants; do
  $(command_for "$variant" "$check_config") | grep '^{"type":"RECORD"' | sed -E 's/"emitted_at":[0-9]+/"emitted_at":0/' > "$work/check.$variant.jsonl"
done
[[ $(wc -l < "$work/check.handwritten.jsonl") == 5000 ]] || { echo "hand-written variant did not write 5000 records" >&2; exit 1; }
for variant in $variants; do
  cmp -s "$work/check.handwritten.jsonl" "$work/check.$variant.jsonl" \
    || { echo "$variant writes different RECORD lines: diff $work/check.handwritten.jsonl $work/check.$variant.jsonl" >&2; exit 1; }
done

# One run, appended to $work/runs.tsv as "variant count wall-s peak-RSS-KiB cpu-s" (cpu = user + system time).
measure() { # variant count config
  local start end rc
  start=$(now_ns)
  set +e
  if [[ $pipe == 1 ]]; then
    /usr/bin/time -v -o "$work/time.txt" $(command_for "$1" "$3") 2> "$work/stderr.txt" | cat > /dev/null
    rc=${PIPESTATUS[0]}
  else
    /usr/bin/time -v -o "$work/time.txt" $(command_for "$1" "$3") > /dev/null 2> "$work/stderr.txt"
    rc=$?
  fi
  set -e
  end=$(now_ns)
  if [[ $rc != 0 ]]; then
    echo "$1 failed (exit $rc):" >&2
    cat "$work/stderr.txt" "$work/time.txt" >&2
    exit 1
  fi
  local rss cpu
  rss=$(peak_rss "$work/time.txt")
  cpu=$(cpu_seconds "$work/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", (e - s) / 1e9 }')" "$rss" "$cpu" \
    >> "$work/runs.tsv"
}

: > "$work/runs.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for count in $counts; do
  config=$(config_for "$count" true)
  for ((i = 1; i <= runs; i++)); do
    # Interleaved, and the order rotates, so drift in machine load hits every variant alike.
    for variant in $(rotated "$i" $variants); do
      echo "   run $i/$runs $variant $count" >&2
      measure "$variant" "$count" "$config"
    done
  done
done

echo
echo "## read of users ($sync_mode$([[ $sync_mode == incremental ]] && echo ", STATE every $records_per_slice")) to $([[ $pipe == 1 ]] && echo "a pipe" || echo /dev/null): $runs runs each, interleaved; $(date -u +%Y-%m-%dT%H:%MZ); load average before: $load_before"
echo
echo "| variant | count | median wall s | median records/s | ÷ hand-written, same build (wall) | median CPU s | ÷ hand-written, same build (CPU) | median peak RSS MiB | max peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for count in $counts; do
  for variant in $variants; do
    # JIT variants against the JIT hand-written emitter, native ones against the native hand-written emitter.
    base=handwritten
    [[ $variant == *-aot || $variant == *-aot@* ]] && base=handwritten-aot
    hand_wall=$(column "$base" "$count" '$3' | median)
    hand_cpu=$(column "$base" "$count" '$5' | median)
    wall=$(column "$variant" "$count" '$3' | median)
    rate=$(column "$variant" "$count" 'c / $3' | median)
    cpu=$(column "$variant" "$count" '$5' | median)
    rss_median=$(column "$variant" "$count" '$4 / 1024' | median)
    rss_max=$(column "$variant" "$count" '$4 / 1024' | maximum)
    awk -v v="$variant" -v c="$count" -v w="$wall" -v r="$rate" -v hw="$hand_wall" -v u="$cpu" -v hu="$hand_cpu" \
      -v rm="$rss_median" -v rx="$rss_max" \
      'BEGIN { printf "| %s | %d | %.3f | %.0f | %.3f | %.2f | %.3f | %.1f | %.1f |\n", v, c, w, r, hw / w, u, hu / u, rm, rx }'
  done
done
echo
echo "records/s = count ÷ wall time of the whole process, start-up included. ÷ hand-written = hand-written median ÷ variant"
echo "median (the JIT hand-written emitter for JIT variants, the native one for -aot variants): above 1 is faster than hand-written."
echo "median, of wall time and of CPU time (user + system, all threads; less sensitive to a busy machine than wall time)."
read -r -a count_list <<< "$counts"
if [[ ${#count_list[@]} -ge 2 ]]; then
  low=${count_list[0]}
  high=${count_list[${#count_list[@]} - 1]}
  echo
  echo "Marginal rate from $low to $high users, start-up and most JIT warm-up cancelled out: (high - low) ÷ (median high - median low)."
  echo
  for variant in $variants; do
    wall_low=$(column "$variant" "$low" '$3' | median)
    wall_high=$(column "$variant" "$high" '$3' | median)
    cpu_low=$(column "$variant" "$low" '$5' | median)
    cpu_high=$(column "$variant" "$high" '$5' | median)
    awk -v v="$variant" -v l="$low" -v h="$high" -v wl="$wall_low" -v wh="$wall_high" -v ul="$cpu_low" -v uh="$cpu_high" \
      'BEGIN { printf "- %s: %.0f records/s of wall time, %.0f records/s of CPU time\n", v, (h - l) / (wh - wl), (h - l) / (uh - ul) }'
  done
fi
echo

if [[ $spec_runs -gt 0 ]]; then
  spec_variants=("dotnet $gen_dir/source-faker.dll spec" "$gen_dir/source-faker spec" "$hand_dir/faker-handwritten --noop")
  spec_names=("JIT (dotnet source-faker.dll)" "JIT (apphost ./source-faker)" "floor: an empty .NET 10 app (apphost)")
  if [[ $aot == 1 ]]; then
    spec_variants+=("$aot_dir/source-faker spec" "$hand_aot_dir/faker-handwritten --noop")
    spec_names+=("native AOT" "floor: an empty native AOT app")
  fi
  if [[ -n $baseline_ref ]]; then
    spec_variants+=("$baseline_dir/source-faker spec")
    spec_names+=("JIT (apphost) at $baseline_ref")
    if [[ $aot == 1 ]]; then
      spec_variants+=("$baseline_aot_dir/source-faker spec")
      spec_names+=("native AOT at $baseline_ref")
    fi
  fi
  # CPU time of each run (all threads, from perf's task-clock) when perf is there: on a busy machine the wall time of a
  # 20 ms process mostly measures the wait for a core, its CPU time much less so.
  perf_stat=()
  command -v perf > /dev/null && perf stat -x, -e task-clock -o /dev/null true 2> /dev/null && perf_stat=(perf stat -x, -e task-clock -o "$work/perf.txt")
  : > "$work/spec.tsv"
  for ((i = 1; i <= spec_runs; i++)); do
    for j in "${!spec_variants[@]}"; do
      start=$(now_ns)
      ${spec_variants[$j]} > /dev/null
      end=$(now_ns)
      cpu=0
      # Again under perf for the CPU time (perf's own start-up would inflate the wall time above).
      if [[ ${#perf_stat[@]} -gt 0 ]]; then
        "${perf_stat[@]}" ${spec_variants[$j]} > /dev/null
        cpu=$(awk -F, '/task-clock/ { print $1 }' "$work/perf.txt")
      fi
      printf '%s\t%s\t%s\n' "$j" "$(( (end - start) / 1000 ))" "$cpu" >> "$work/spec.tsv"
    done
  done
  echo
  echo "## spec: $spec_runs runs each, interleaved"
  echo
  echo "| variant | median wall ms | min wall ms | median CPU ms | ÷ its empty app (CPU) |"
  echo "|---|---:|---:|---:|---:|"
  floor_cpu() { awk -v j="$1" '$1 == j { print $3 }' "$work/spec.tsv" | median; }
  jit_floor=$(floor_cpu 2)
  aot_floor=$jit_floor
  [[ $aot == 1 ]] && aot_floor=$(floor_cpu 4)  # the empty native app
  for j in "${!spec_variants[@]}"; do
    med=$(awk -v j="$j" '$1 == j { print $2 / 1000 }' "$work/spec.tsv" | median)
    min=$(awk -v j="$j" '$1 == j { print $2 / 1000 }' "$work/spec.tsv" | sort -g | head -1)
    cpu=$(floor_cpu "$j")
    floor=$jit_floor
    [[ ${spec_names[$j]} == *native* ]] && floor=$aot_floor
    awk -v n="${spec_names[$j]}" -v m="$med" -v x="$min" -v c="$cpu" -v f="$floor" \
      'BEGIN { printf "| %s | %.1f | %.1f | %.1f | %s |\n", n, m, x, c, (f > 0 ? sprintf("%.2f", c / f) : "n/a") }'
  done
  [[ ${#perf_stat[@]} -gt 0 ]] || echo "(perf is missing: no CPU times)"
fi

echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr), .NET SDK $(dotnet --version); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
