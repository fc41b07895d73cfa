#!/usr/bin/env bash
# Faker `users` through the Conduit source plugin's Run stream (acks flowing back, bench/Conduit.Driver) beside the same
# executable's Airbyte `read` into a pipe, interleaved in one run. Records/s, the connector process's CPU time and peak
# RSS; reported, never asserted.
#
# usage: bench/conduit-throughput.sh [-n RUNS] [-c "COUNT ..."] [--no-build]
#   -n RUNS          runs per variant and count, interleaved (default 3)
#   -c "COUNT ..."   user counts (default "100000 1000000")
#   --no-build       reuse the previous publish and driver build
set -euo pipefail

runs=3
counts="100000 1000000"
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -c) counts=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
work=$root/bench/results/conduit-throughput   # bench/results/ is git-ignored
mkdir -p "$work"
plugin=$work/source-faker/source-faker
driver=$root/bench/Conduit.Driver/bin/Release/net10.0/Conduit.Driver

if [[ ! -x /usr/bin/time ]]; then
  echo "GNU time (/usr/bin/time) is needed for peak RSS" >&2
  exit 1
fi
if [[ $build == 1 ]]; then
  dotnet publish "$root/samples/Faker.Source.Conduit" -c Release -r linux-x64 --self-contained -o "$work/source-faker" --nologo -v quiet
  dotnet build "$root/bench/Conduit.Driver" -c Release --nologo -v quiet
fi

printf '{"streams":[{"stream":{"name":"users","json_schema":{},"supported_sync_modes":["full_refresh","incremental"]},"sync_mode":"incremental","destination_sync_mode":"append"}]}' > "$work/catalog.json"
: > "$work/runs.tsv"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  for count in $counts; do
    printf '{"count":%d,"always_updated":false,"records_per_slice":1000}' "$count" > "$work/config.json"
    for variant in $(rotated "$run" conduit-structured conduit-raw airbyte-read); do
      case $variant in
        conduit-*)
          read -r records seconds rate rss cpu driver_cpu < <("$driver" "$plugin" "$count" "${variant#conduit-}")
          echo "$variant $count $seconds $rss $cpu $driver_cpu" >> "$work/runs.tsv" ;;
        airbyte-read)
          start=$(now_ns)
          env -i /usr/bin/time -v -o "$work/time.txt" "$plugin" read --config "$work/config.json" --catalog "$work/catalog.json" | grep -c '"type":"RECORD"' > /dev/null
          seconds=$(awk -v s="$start" -v e="$(now_ns)" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
          echo "$variant $count $seconds $(peak_rss "$work/time.txt") $(cpu_seconds "$work/time.txt") 0" >> "$work/runs.tsv" ;;
      esac
    done
  done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-20s %10s %12s %14s %12s %16s %14s\n' variant users "median s" "records/s" "median CPU s" "stand-in CPU s" "peak RSS MiB"
for count in $counts; do
  for variant in conduit-structured conduit-raw airbyte-read; do
    wall=$(column "$variant" "$count" '$3' | median)
    rss=$(column "$variant" "$count" '$4' | maximum)
    cpu=$(column "$variant" "$count" '$5' | median)
    driver_cpu=$(column "$variant" "$count" '$6' | median)
    printf '%-20s %10d %12.3f %14.0f %12.2f %16.2f %14.1f\n' "$variant" "$count" "$wall" "$(awk -v c="$count" -v w="$wall" 'BEGIN { print c / w }')" "$cpu" "$driver_cpu" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
  done
done
