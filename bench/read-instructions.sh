#!/usr/bin/env bash
# The native read of the generated Faker connector against the native hand-written emitter, counted in instructions,
# instruction-cache misses and branch mispredicts (valgrind's callgrind) instead of time: the same counts at any machine
# load. Needs the native builds of bench/read-throughput.sh (run it once first, or without --no-build) and valgrind.
#
# usage: bench/read-instructions.sh [-c COUNT] [--baseline-aot DIR]
#   -c COUNT             users to read (default 100000; under valgrind a read runs about 50 times slower)
#   --baseline-aot DIR   also count another native build of the sample (say read-throughput.sh's baseline-aot)
set -euo pipefail

count=100000
baseline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -c) count=$2; shift 2 ;;
    --baseline-aot) baseline=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$root/bench/results/read-instructions   # bench/results/ is git-ignored
aot=$root/bench/results/read-throughput
command -v valgrind > /dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
[[ -x $aot/aot/source-faker && -x $aot/handwritten-aot/faker-handwritten ]] \
  || { echo "no native builds: run bench/read-throughput.sh first" >&2; exit 1; }
mkdir -p "$work"

catalog=$work/catalog.json
cat > "$catalog" <<EOF
{"streams":[{"stream":{"name":"users","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh","incremental"],
"source_defined_cursor":true,"default_cursor_field":["updated_at"],"source_defined_primary_key":[["id"]]},
"sync_mode":"incremental","destination_sync_mode":"append","cursor_field":["updated_at"],"primary_key":[["id"]]}]}
EOF
config=$work/config.json
printf '{"count":%s,"seed":0,"records_per_slice":10000,"always_updated":true}\n' "$count" > "$config"

# valgrind's debug-info reader rejects the .dbg files NativeAOT writes beside the binary: count a copy without it.
variants=(handwritten-aot generated-aot)
binaries=("$aot/handwritten-aot/faker-handwritten" "$aot/aot/source-faker")
if [[ -n $baseline ]]; then
  variants+=(generated-aot@baseline)
  binaries+=("$baseline/source-faker")
fi

echo "## native read of $count users (incremental, STATE every 10,000), counted by callgrind; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| variant | instructions | ÷ hand-written | I1 misses | ÷ hand-written | branch mispredicts | indirect mispredicts | RECORD lines |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
hand_ir=""
hand_i1=""
for i in "${!variants[@]}"; do
  name=${variants[$i]}
  mkdir -p "$work/$name"
  cp "${binaries[$i]}" "$work/$name/"
  binary=$work/$name/$(basename "${binaries[$i]}")
  args=(--config "$config")
  [[ $name == generated* ]] && args=(read --config "$config" --catalog "$catalog")
  valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes --callgrind-out-file="$work/$name.out" \
    "$binary" "${args[@]}" > "$work/$name.jsonl" 2> "$work/$name.log"
  records=$(grep -c '^{"type":"RECORD"' "$work/$name.jsonl" || true)
  [[ $records == "$count" ]] || { echo "$name wrote $records RECORD lines, not $count: see $work/$name.log" >&2; exit 1; }
  ir=$(awk '/I   refs:/ { gsub(",", "", $4); print $4 }' "$work/$name.log")
  i1=$(awk '/I1  misses:/ { gsub(",", "", $4); print $4 }' "$work/$name.log")
  mispredicts=$(awk '/Mispredicts:/ { gsub(",", "", $3); print $3 }' "$work/$name.log")
  indirect=$(awk '/Mispredicts:/ { gsub(",", "", $8); print $8 }' "$work/$name.log")
  [[ -z $hand_ir ]] && { hand_ir=$ir; hand_i1=$i1; }
  awk -v n="$name" -v ir="$ir" -v hi="$hand_ir" -v i1="$i1" -v h1="$hand_i1" -v m="$mispredicts" -v x="$indirect" -v r="$records" \
    'BEGIN { printf "| %s | %.1fM | %.3f | %.2fM | %.3f | %.2fM | %.2fM | %d |\n", n, ir / 1e6, ir / hi, i1 / 1e6, i1 / h1, m / 1e6, x / 1e6, r }'
done
echo
echo "÷ hand-written: the variant's count over the hand-written emitter's (below 1 is fewer). Start-up included."
