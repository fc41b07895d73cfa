#!/usr/bin/env bash
# Read throughput and memory of the generated Faker connector against a hand-written Utf8JsonWriter emitter of the
# same records, plus `spec` start-up time. Numbers are reported, never asserted. See bench/README.md.
#
# usage: bench/read-throughput.sh [-n RUNS] [-c "COUNT ..."] [-s SPEC_RUNS] [--incremental] [--no-aot] [--no-build]
#   -n RUNS          runs per variant and count, interleaved (default 5)
#   -c "COUNT ..."   user counts to read (default "100000 1000000")
#   -s SPEC_RUNS     runs of each `spec` variant (default 20; 0 skips spec)
#   --incremental    read `users` incrementally (a STATE message, and a flush, every records_per_slice = 1000 records)
#                    instead of full_refresh
#   --no-aot         skip the native AOT build (bench/Faker.Aot, net9.0; needs clang and lld)
#   --no-build       reuse the previous builds
set -euo pipefail

runs=5
counts="100000 1000000"
spec_runs=20
sync_mode=full_refresh
aot=1
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -c) counts=$2; shift 2 ;;
    -s) spec_runs=$2; shift 2 ;;
    --incremental) sync_mode=incremental; shift ;;
    --no-aot) aot=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$root/bench/results/read-throughput   # bench/results/ is git-ignored
mkdir -p "$work"
gen_dir=$root/samples/Faker.Source/bin/Release/net10.0
hand_dir=$root/bench/Faker.HandWritten/bin/Release/net10.0
aot_dir=$work/aot

if [[ ! -x /usr/bin/time ]]; then
  echo "GNU time (/usr/bin/time) is needed for peak RSS" >&2
  exit 1
fi

if [[ $build == 1 ]]; then
  echo "== building (Release)" >&2
  dotnet build "$root/samples/Faker.Source" -c Release -nologo -v q >&2
  dotnet build "$root/bench/Faker.HandWritten" -c Release -nologo -v q >&2
  if [[ $aot == 1 ]]; then
    if command -v clang >/dev/null && dotnet publish "$root/bench/Faker.Aot" -c Release -r linux-x64 -nologo -v q -o "$aot_dir" >&2; then
      :
    else
      echo "native AOT publish failed or clang is missing: skipping the AOT rows" >&2
      aot=0
    fi
  fi
fi
[[ $aot == 1 && ! -x $aot_dir/source-faker ]] && aot=0

catalog=$work/catalog.users.$sync_mode.json
cat > "$catalog" <<EOF
{"streams":[{"stream":{"name":"users","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh","incremental"],
"source_defined_cursor":true,"default_cursor_field":["updated_at"],"source_defined_primary_key":[["id"]]},
"sync_mode":"$sync_mode","destination_sync_mode":"append","cursor_field":["updated_at"],"primary_key":[["id"]]}]}
EOF
config_for() { # count always_updated
  local file=$work/config.$1.$2.json
  printf '{"count":%s,"seed":0,"records_per_slice":1000,"always_updated":%s}\n' "$1" "$2" > "$file"
  echo "$file"
}

command_for() { # variant config
  case "$1" in
    handwritten) echo "$hand_dir/faker-handwritten --config $2" ;;
    generated) echo "$gen_dir/source-faker read --config $2 --catalog $catalog" ;;
    generated-aot) echo "$aot_dir/source-faker read --config $2 --catalog $catalog" ;;
  esac
}

variants="handwritten generated"
[[ $aot == 1 ]] && variants="$variants generated-aot"

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

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { sort -g | tail -1; }
now_ns() { date +%s%N; }

# One run: wall seconds and peak RSS KiB appended to $work/runs.tsv as "variant count wall rss".
measure() { # variant count config
  local start end rc
  start=$(now_ns)
  set +e
  /usr/bin/time -v -o "$work/time.txt" $(command_for "$1" "$3") > /dev/null 2> "$work/stderr.txt"
  rc=$?
  set -e
  end=$(now_ns)
  if [[ $rc != 0 ]]; then
    echo "$1 failed (exit $rc):" >&2
    cat "$work/stderr.txt" "$work/time.txt" >&2
    exit 1
  fi
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", (e - s) / 1e9 }')" "$rss" >> "$work/runs.tsv"
}

: > "$work/runs.tsv"
for count in $counts; do
  config=$(config_for "$count" true)
  for ((i = 1; i <= runs; i++)); do
    # Interleaved, and the order rotates, so drift in machine load hits every variant alike.
    read -r -a list <<< "$variants"
    shift_by=$(( (i - 1) % ${#list[@]} ))
    order="${list[*]:shift_by} ${list[*]:0:shift_by}"
    for variant in $order; do
      echo "   run $i/$runs $variant $count" >&2
      measure "$variant" "$count" "$config"
    done
  done
done

echo
echo "## read of users ($sync_mode) to /dev/null: $runs runs each, interleaved; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
printf '| %-13s | %9s | %13s | %16s | %16s | %19s | %16s |\n' variant count "median wall s" "median records/s" "÷ hand-written" "median peak RSS MiB" "max peak RSS MiB"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' --------------- ----------: --------------: -----------------: -----------------: --------------------: -----------------:
for count in $counts; do
  hand_wall=$(awk -v c="$count" '$1 == "handwritten" && $2 == c { print $3 }' "$work/runs.tsv" | median)
  for variant in $variants; do
    wall=$(awk -v v="$variant" -v c="$count" '$1 == v && $2 == c { print $3 }' "$work/runs.tsv" | median)
    rate=$(awk -v v="$variant" -v c="$count" '$1 == v && $2 == c { print c / $3 }' "$work/runs.tsv" | median)
    rss_median=$(awk -v v="$variant" -v c="$count" '$1 == v && $2 == c { print $4 / 1024 }' "$work/runs.tsv" | median)
    rss_max=$(awk -v v="$variant" -v c="$count" '$1 == v && $2 == c { print $4 / 1024 }' "$work/runs.tsv" | maximum)
    printf '| %-13s | %9s | %13.3f | %16.0f | %15.3f× | %19.1f | %16.1f |\n' "$variant" "$count" "$wall" "$rate" \
      "$(awk -v h="$hand_wall" -v w="$wall" 'BEGIN { print h / w }')" "$rss_median" "$rss_max"
  done
done
echo
echo "records/s = count ÷ wall time of the whole process, start-up included; ÷ hand-written = hand-written median wall ÷ variant median wall."
read -r -a count_list <<< "$counts"
if [[ ${#count_list[@]} -ge 2 ]]; then
  low=${count_list[0]}
  high=${count_list[${#count_list[@]} - 1]}
  echo
  echo "Marginal records/s from $low to $high users (start-up and JIT warm-up cancel out): (high - low) ÷ (median wall high - median wall low)"
  echo
  for variant in $variants; do
    wall_low=$(awk -v v="$variant" -v c="$low" '$1 == v && $2 == c { print $3 }' "$work/runs.tsv" | median)
    wall_high=$(awk -v v="$variant" -v c="$high" '$1 == v && $2 == c { print $3 }' "$work/runs.tsv" | median)
    awk -v v="$variant" -v l="$low" -v h="$high" -v wl="$wall_low" -v wh="$wall_high" \
      'BEGIN { printf "- %s: %.0f records/s\n", v, (h - l) / (wh - wl) }'
  done
fi

if [[ $spec_runs -gt 0 ]]; then
  spec_variants=("dotnet $gen_dir/source-faker.dll spec" "$gen_dir/source-faker spec")
  spec_names=("JIT (dotnet source-faker.dll)" "JIT (apphost ./source-faker)")
  if [[ $aot == 1 ]]; then
    spec_variants+=("$aot_dir/source-faker spec")
    spec_names+=("native AOT (net9.0)")
  fi
  : > "$work/spec.tsv"
  for ((i = 1; i <= spec_runs; i++)); do
    for j in "${!spec_variants[@]}"; do
      start=$(now_ns)
      ${spec_variants[$j]} > /dev/null
      end=$(now_ns)
      printf '%s\t%s\n' "$j" "$(( (end - start) / 1000 ))" >> "$work/spec.tsv"
    done
  done
  echo
  echo "## spec: $spec_runs runs each, interleaved"
  echo
  echo "| variant | median wall ms | min wall ms |"
  echo "|---|---:|---:|"
  for j in "${!spec_variants[@]}"; do
    med=$(awk -v j="$j" '$1 == j { print $2 / 1000 }' "$work/spec.tsv" | median)
    min=$(awk -v j="$j" '$1 == j { print $2 / 1000 }' "$work/spec.tsv" | sort -g | head -1)
    printf '| %s | %.1f | %.1f |\n' "${spec_names[$j]}" "$med" "$min"
  done
fi

echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr), .NET SDK $(dotnet --version)"
