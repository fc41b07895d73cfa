#!/usr/bin/env bash
# End-to-end throughput and memory of `connectors sync`: Faker users read into the SQLite and DuckDB caches, beside the
# source alone piped to /dev/null. Numbers are reported, never asserted. See bench/README.md.
#
# usage: bench/client-sync.sh [-n RUNS] [-c "COUNT ..."] [--variants "source sqlite duckdb"] [--baseline GIT-REF] [--no-build]
#   -n RUNS          runs per variant and count, interleaved (default 3)
#   -c "COUNT ..."   user counts (default "100000 1000000": peak RSS must not grow with the count; 10: the fixed cost)
#   --variants "…"   which of source, sqlite, duckdb, sqlite-jit to run (default source sqlite duckdb; the source alone
#                    is always run). The tool runs as published (dotnet publish: ReadyToRun on linux-x64, as in its
#                    package); sqlite-jit is the same tool published without ReadyToRun (ConnectorsReadyToRun=false).
#   --baseline REF   also run the tool as built from git REF (say main): REF variants of the chosen caches
#   --no-build       reuse the previous Release builds
# Needs GNU time (/usr/bin/time), sqlite3 and jq.
set -euo pipefail

runs=3
counts="100000 1000000"
build=1
baseline_ref=""
chosen="source sqlite duckdb"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -c) counts=$2; shift 2 ;;
    --variants) chosen=$2; shift 2 ;;
    --baseline) baseline_ref=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
work=$root/bench/results/client-sync   # bench/results/ is git-ignored
rm -rf "$work"
mkdir -p "$work/home"
faker=$root/samples/Faker.Source/bin/Release/net10.0/source-faker
cli=$root/bench/results/client-sync-tool/connectors           # published: what `dotnet tool install` puts in place
cli_jit=$root/bench/results/client-sync-tool-jit/connectors
baseline_src=$(baseline_dir client-sync)
baseline_cli=$baseline_src/src/Connectors.Cli/bin/Release/net10.0/connectors
for tool in /usr/bin/time sqlite3 jq; do
  command -v "$tool" > /dev/null || { echo "$tool is missing" >&2; exit 1; }
done

if [[ $build == 1 ]]; then
  echo "== building (Release)" >&2
  dotnet build "$root/samples/Faker.Source" -c Release -nologo -v q >&2
  dotnet publish "$root/src/Connectors.Cli" -c Release -nologo -v q -o "$(dirname "$cli")" >&2
  if [[ " $chosen " == *" sqlite-jit "* ]]; then
    dotnet publish "$root/src/Connectors.Cli" -c Release -nologo -v q -p:ConnectorsReadyToRun=false -o "$(dirname "$cli_jit")" >&2
  fi
  if [[ -n $baseline_ref ]]; then
    echo "== building the tool at $baseline_ref" >&2
    build_at_ref "$baseline_ref" "$baseline_src" src/Connectors.Cli
  fi
fi

# Every measured sync is a second run of the tool: the connector's spec comes from the spec cache in the home (a
# baseline from before the cache starts the source for spec each time).
CONNECTORS_HOME=$work/home "$cli" spec --source "$faker" > /dev/null
[[ -n $(ls "$work/home/spec-cache") ]] || { echo "the tool did not cache the spec in $work/home/spec-cache" >&2; exit 1; }

# users only, full_refresh of the source alone; the sync reads it the way `connectors sync --streams users` does.
catalog=$work/catalog.json
"$faker" discover --config "$root/samples/Faker.Source/config.json" \
  | jq -c 'select(.type == "CATALOG") | {streams: [.catalog.streams[] | select(.name == "users")
      | {stream: ., sync_mode: "full_refresh", destination_sync_mode: "append"}]}' > "$catalog"

faker_config() { # count
  local file=$work/faker.$1.json
  printf '{"count":%s,"seed":0,"records_per_slice":1000,"always_updated":true}\n' "$1" > "$file"
  echo "$file"
}

# Peak RSS (VmHWM, KiB), CPU time (user + system, s, its own threads only: not the source it waits for) and CPU time
# with the children it has waited for (the connector's spec, discover and read) of one process, sampled every 20 ms
# until it exits; printed as "KiB s s" when it does.
watch_peak() { # pid
  local peak=0 hwm ticks cpu=0 all=0 hz
  hz=$(getconf CLK_TCK)
  while [[ -e /proc/$1/status ]]; do
    hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || true)
    [[ -n $hwm && $hwm -gt $peak ]] && peak=$hwm
    ticks=$(awk '{ print $14 + $15, $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || true)
    [[ -n $ticks ]] && read -r cpu all <<< "$ticks"
    sleep 0.02
  done
  echo "$peak $(awk -v t="$cpu" -v a="$all" -v hz="$hz" 'BEGIN { printf "%.2f %.2f", t / hz, a / hz }')"
}

# One run, appended to $work/runs.tsv as "variant count wall-s client-peak-RSS-KiB client-CPU-s".
measure() { # variant count
  local config start end status peak rows cpu all
  config=$(faker_config "$2")
  rm -f "$work"/cache.*
  start=$(now_ns)
  set +e
  case "$1" in
    source)
      /usr/bin/time -v -o "$work/time.txt" "$faker" read --config "$config" --catalog "$catalog" > /dev/null 2> "$work/stderr.txt"
      status=$?
      peak=$(peak_rss "$work/time.txt")
      cpu=$(cpu_seconds "$work/time.txt")
      all=$cpu
      ;;
    sqlite*|duckdb*)
      local tool=$cli kind=${1%%@*}
      [[ $1 == *@* ]] && tool=$baseline_cli
      [[ $kind == *-jit ]] && tool=$cli_jit && kind=${kind%-jit}
      CONNECTORS_HOME=$work/home "$tool" sync --source "$faker" --config "$config" --streams users --full-refresh \
        --cache "$kind:$work/cache.$kind" > "$work/out.txt" 2> "$work/stderr.txt" &
      local pid=$!
      read -r peak cpu all < <(watch_peak "$pid")
      wait "$pid"
      status=$?
      ;;
  esac
  set -e
  end=$(now_ns)
  if [[ $status != 0 ]]; then
    echo "$1 failed (exit $status):" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  case "$1" in
    sqlite*) rows=$(sqlite3 "$work/cache.sqlite" 'SELECT COUNT(*) FROM users') ;;
    duckdb*) rows=$(grep -o 'users: [0-9,]* records' "$work/out.txt" | tr -dc '0-9') ;;
    *) rows=$2 ;;
  esac
  [[ $rows == "$2" ]] || { echo "$1 stored $rows rows of $2" >&2; exit 1; }
  if [[ $1 == duckdb* ]] && compgen -G "$work/cache.duckdb._airbyte_tmp_*" > /dev/null; then
    echo "$1 left staging files behind: $(ls -d "$work"/cache.duckdb._airbyte_tmp_*)" >&2; exit 1
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", (e - s) / 1e9 }')" "$peak" "$cpu" "$all" >> "$work/runs.tsv"
}

variants=source
for kind in sqlite duckdb sqlite-jit; do
  [[ " $chosen " == *" $kind "* ]] && variants="$variants $kind"
done
if [[ -n $baseline_ref ]]; then
  for kind in sqlite duckdb; do
    [[ " $chosen " == *" $kind "* ]] && variants="$variants $kind@$baseline_ref"
  done
fi
for kind in $chosen; do
  [[ $kind == source || $kind == sqlite || $kind == duckdb || $kind == sqlite-jit ]] || { echo "unknown variant: $kind (source, sqlite, duckdb, sqlite-jit)" >&2; exit 2; }
done
: > "$work/runs.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for count in $counts; do
  for ((i = 1; i <= runs; i++)); do
    for variant in $(rotated "$i" $variants); do
      echo "   run $i/$runs $variant $count" >&2
      measure "$variant" "$count"
    done
  done
done

describe() {
  case "$1" in
    source) echo "source alone → /dev/null" ;;
    sqlite) echo "connectors sync → SQLite cache" ;;
    duckdb) echo "connectors sync → DuckDB cache" ;;
    sqlite-jit) echo "connectors (no ReadyToRun) sync → SQLite cache" ;;
    sqlite@*) echo "connectors@${1#*@} sync → SQLite cache" ;;
    duckdb@*) echo "connectors@${1#*@} sync → DuckDB cache" ;;
  esac
}

echo
echo "## connectors sync of Faker users (full refresh): $runs runs each, interleaved; $(date -u +%Y-%m-%dT%H:%MZ); load average before: $load_before"
echo
echo "| variant | count | median wall s | median records/s | best records/s | ÷ source alone (median) | median CPU s | median CPU s with the connector | median peak RSS MiB | max peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for count in $counts; do
  source_rate=$(column source "$count" 'c / $3' | median)
  for variant in $variants; do
    wall=$(column "$variant" "$count" '$3' | median)
    rate=$(column "$variant" "$count" 'c / $3' | median)
    best=$(column "$variant" "$count" 'c / $3' | maximum)
    cpu=$(column "$variant" "$count" '$5' | median)
    all=$(column "$variant" "$count" '$6' | median)
    rss_median=$(column "$variant" "$count" '$4 / 1024' | median)
    rss_max=$(column "$variant" "$count" '$4 / 1024' | maximum)
    awk -v v="$(describe "$variant")" -v c="$count" -v w="$wall" -v r="$rate" -v b="$best" -v s="$source_rate" -v cpu="$cpu" -v all="$all" -v rm="$rss_median" -v rx="$rss_max" \
      'BEGIN { printf "| %s | %d | %.3f | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f |\n", v, c, w, r, b, r / s, cpu, all, rm, rx }'
  done
done
echo
echo "records/s = count ÷ wall time of the whole command (start-up, spec, discover, read, staging and the final swap"
echo "included). Peak RSS: the source's own for the source alone (GNU time); the connectors process's own VmHWM for the"
echo "syncs (sampled every 20 ms; the source it starts is not counted). CPU s: user + system of the source alone (GNU"
echo "time), of the connectors process's own threads for the syncs (/proc/PID/stat, last sample; spec, discover and the"
echo "source's read not counted); with the connector: plus the processes it ran and waited for (spec, discover, read)."
echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr), .NET SDK $(dotnet --version); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
