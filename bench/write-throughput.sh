#!/usr/bin/env bash
# Write throughput and memory of the destinations: Faker `users` piped from the source into each destination, end to
# end, and the write command's reader alone (a pre-generated file of messages into the no-op Journal destination).
# Numbers are reported, never asserted. See bench/README.md.
#
# usage: bench/write-throughput.sh [-n RUNS] [-c "COUNT ..."] [--reader-only] [--baseline GIT-REF] [--aot] [--no-build]
#   -n RUNS          runs per variant and count, interleaved (default 3)
#   -c "COUNT ..."   user counts (default "100000 1000000": peak RSS must not grow with the count)
#   --reader-only    only the reader alone, without and with the field reader (no PostgreSQL, no SQLite): messages/s
#   --baseline REF   also run the reader variants as built from git REF (say main): reader@REF, fields@REF
#   --aot            also run the reader variants with the no-op destination published native (PublishAot; needs
#                    clang and lld): reader-aot, fields-aot, and with --baseline reader-aot@REF, fields-aot@REF
#   --no-build       reuse the previous Release builds
# Needs GNU time (/usr/bin/time), sqlite3, psql and PostgreSQL's server (/usr/lib/postgresql/*/bin), as .ci/run installs.
set -euo pipefail

runs=3
counts="100000 1000000"
build=1
reader_only=0
aot=0
baseline_ref=""
pg_port=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -c) counts=$2; shift 2 ;;
    --reader-only) reader_only=1; shift ;;
    --baseline) baseline_ref=$2; shift 2 ;;
    --aot) aot=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
work=$root/bench/results/write-throughput   # bench/results/ is git-ignored
baseline_src=$(baseline_dir write-throughput)
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
faker=$root/samples/Faker.Source/bin/Release/net10.0/source-faker
sqlite=$root/samples/Sqlite.Destination/bin/Release/net10.0/destination-sqlite
postgres=$root/samples/Postgres.Destination/bin/Release/net10.0/destination-postgres
journal=$root/tests/TestConnectors/Journal.Destination/bin/Release/net10.0/destination-journal
# Native builds live outside $work (emptied on every run), so --no-build reuses them.
aot_dir=$(baseline_dir write-throughput-aot)
# Not "$baseline_src-aot": that is $aot_dir itself, and the baseline's publish would replace this build's.
baseline_aot_dir=$(baseline_dir write-throughput-baseline-aot)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
tools=(/usr/bin/time)
[[ $reader_only == 0 ]] && tools+=(sqlite3 psql "$pg_bin/initdb")
for tool in "${tools[@]}"; do
  command -v "$tool" > /dev/null || { echo "$tool is missing" >&2; exit 1; }
done

if [[ $build == 1 ]]; then
  echo "== building (Release)" >&2
  projects="samples/Faker.Source tests/TestConnectors/Journal.Destination"
  [[ $reader_only == 0 ]] && projects="$projects samples/Sqlite.Destination samples/Postgres.Destination"
  for project in $projects; do
    dotnet build "$root/$project" -c Release -nologo -v q >&2
  done
  if [[ -n $baseline_ref ]]; then
    echo "== building the no-op destination at $baseline_ref" >&2
    build_at_ref "$baseline_ref" "$baseline_src" tests/TestConnectors/Journal.Destination
  fi
  if [[ $aot == 1 ]]; then
    # The no-op destination sets PublishAot itself (at REF too).
    echo "== publishing the no-op destination native (AOT)" >&2
    rm -rf "$aot_dir"
    dotnet publish "$root/tests/TestConnectors/Journal.Destination" -c Release -r linux-x64 -nologo -v q -o "$aot_dir" >&2
    if [[ -n $baseline_ref ]]; then
      rm -rf "$baseline_aot_dir"
      dotnet publish "$baseline_src/tests/TestConnectors/Journal.Destination" -c Release -r linux-x64 -nologo -v q -o "$baseline_aot_dir" >&2
    fi
  fi
fi
if [[ $aot == 1 ]]; then
  for binary in "$aot_dir/destination-journal" ${baseline_ref:+"$baseline_aot_dir/destination-journal"}; do
    [[ -x $binary ]] || { echo "$binary is missing: run without --no-build (native AOT needs clang and lld)" >&2; exit 1; }
  done
fi
baseline_journal=$baseline_src/tests/TestConnectors/Journal.Destination/bin/Release/net10.0/destination-journal

# A throwaway PostgreSQL cluster with the server's default durability settings, stopped and deleted on exit.
if [[ $reader_only == 0 ]]; then
  as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  pg_dir=$work/pg
  mkdir -p "$pg_dir"
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$pg_dir"
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions > /dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_wal_size=4GB" start > /dev/null
  trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop > /dev/null; rm -rf "$pg_dir"' EXIT
fi
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qtAX "$@"; }

# users only, with its real schema (typed columns), full_refresh into append.
catalog=$work/catalog.json
jq '{streams: [.streams[] | select(.stream.name == "users") | .sync_mode = "full_refresh" | .destination_sync_mode = "append"]}' \
  "$root/samples/Sqlite.Destination/catalog.json" > "$catalog"
printf '{"path":"%s"}\n' "$work/bench.db" > "$work/sqlite.json"
printf '{"host":"127.0.0.1","port":%s,"database":"postgres","username":"postgres","schema":"public"}\n' "$pg_port" > "$work/postgres.json"
echo '{}' > "$work/noop.json"
echo '{"read_fields":true}' > "$work/fields.json"

faker_config() { # count
  local file=$work/faker.$1.json
  printf '{"count":%s,"seed":0,"records_per_slice":1000,"always_updated":true}\n' "$1" > "$file"
  echo "$file"
}

destination_for() { # variant
  case "$1" in
    sqlite) echo "$sqlite write --config $work/sqlite.json --catalog $catalog" ;;
    postgres) echo "$postgres write --config $work/postgres.json --catalog $catalog" ;;
    noop|reader) echo "$journal write --config $work/noop.json --catalog $catalog" ;;
    fields) echo "$journal write --config $work/fields.json --catalog $catalog" ;;
    reader-aot) echo "$aot_dir/destination-journal write --config $work/noop.json --catalog $catalog" ;;
    fields-aot) echo "$aot_dir/destination-journal write --config $work/fields.json --catalog $catalog" ;;
    reader-aot@*) echo "$baseline_aot_dir/destination-journal write --config $work/noop.json --catalog $catalog" ;;
    fields-aot@*) echo "$baseline_aot_dir/destination-journal write --config $work/fields.json --catalog $catalog" ;;
    reader@*) echo "$baseline_journal write --config $work/noop.json --catalog $catalog" ;;
    fields@*) echo "$baseline_journal write --config $work/fields.json --catalog $catalog" ;;
  esac
}

reset() { # variant
  case "$1" in
    sqlite) rm -f "$work"/bench.db* ;;
    postgres) psql_ -c 'SET client_min_messages = warning; DROP TABLE IF EXISTS public.users' ;;
  esac
}

rows_in() { # variant
  case "$1" in
    sqlite) sqlite3 "$work/bench.db" 'SELECT COUNT(*) FROM users' ;;
    postgres) psql_ -c 'SELECT COUNT(*) FROM public.users' ;;
    *) echo "-" ;;
  esac
}

# One run, appended to $work/runs.tsv as "variant count wall-s destination-peak-RSS-KiB destination-cpu-s".
measure() { # variant count
  local config start end status
  config=$(faker_config "$2")
  reset "$1"
  start=$(now_ns)
  set +e
  if [[ $1 == reader* || $1 == fields* ]]; then
    /usr/bin/time -v -o "$work/time.txt" $(destination_for "$1") < "$work/messages.$2.jsonl" > "$work/out.txt" 2> "$work/stderr.txt"
    status=$?
  else
    "$faker" read --config "$config" --catalog "$catalog" \
      | /usr/bin/time -v -o "$work/time.txt" $(destination_for "$1") > "$work/out.txt" 2> "$work/stderr.txt"
    status=${PIPESTATUS[*]}
  fi
  set -e
  end=$(now_ns)
  if [[ $status != "0" && $status != "0 0" ]]; then
    echo "$1 failed (exit $status):" >&2
    cat "$work/stderr.txt" "$work/time.txt" >&2
    tail -3 "$work/out.txt" >&2
    exit 1
  fi
  local rows
  rows=$(rows_in "$1")
  if [[ $rows != "-" && $rows != "$2" ]]; then
    echo "$1 stored $rows rows of $2" >&2
    exit 1
  fi
  grep -q '"destinationStats":{"recordCount":'"$2"'}' "$work/out.txt" || { echo "$1 did not echo the final state with $2 records" >&2; exit 1; }
  local rss cpu
  rss=$(peak_rss "$work/time.txt")
  cpu=$(cpu_seconds "$work/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", (e - s) / 1e9 }')" "$rss" "$cpu" \
    >> "$work/runs.tsv"
}

variants="reader fields noop sqlite postgres"
[[ $reader_only == 1 ]] && variants="reader fields"
[[ -n $baseline_ref ]] && variants="$variants reader@$baseline_ref fields@$baseline_ref"
[[ $aot == 1 ]] && variants="$variants reader-aot fields-aot"
[[ $aot == 1 && -n $baseline_ref ]] && variants="$variants reader-aot@$baseline_ref fields-aot@$baseline_ref"
for count in $counts; do
  echo "== generating $count users' messages for the reader alone" >&2
  "$faker" read --config "$(faker_config "$count")" --catalog "$catalog" > "$work/messages.$count.jsonl"
done

: > "$work/runs.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for count in $counts; do
  for ((i = 1; i <= runs; i++)); do
    # Interleaved, and the order rotates, so drift in machine load hits every variant alike.
    for variant in $(rotated "$i" $variants); do
      echo "   run $i/$runs $variant $count" >&2
      measure "$variant" "$count"
    done
  done
done

describe() {
  case "$1" in
    reader) echo "reader alone: file → no-op destination" ;;
    fields) echo "reader + field reader: file → no-op destination splitting columns" ;;
    reader-aot) echo "reader alone, native AOT" ;;
    fields-aot) echo "reader + field reader, native AOT" ;;
    reader-aot@*) echo "reader alone, native AOT at ${1#reader-aot@}" ;;
    fields-aot@*) echo "reader + field reader, native AOT at ${1#fields-aot@}" ;;
    reader@*) echo "reader alone at ${1#reader@}" ;;
    fields@*) echo "reader + field reader at ${1#fields@}" ;;
    noop) echo "source → no-op destination" ;;
    sqlite) echo "source → SQLite (file)" ;;
    postgres) echo "source → PostgreSQL (127.0.0.1)" ;;
  esac
}

echo
echo "## write of Faker users (full_refresh → append): $runs runs each, interleaved; $(date -u +%Y-%m-%dT%H:%MZ); load average before: $load_before"
echo
echo "| variant | count | median wall s | median rows/s | best rows/s | median destination CPU s | rows per destination CPU s | median peak RSS MiB | max peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for count in $counts; do
  for variant in $variants; do
    wall=$(column "$variant" "$count" '$3' | median)
    rate=$(column "$variant" "$count" 'c / $3' | median)
    best=$(column "$variant" "$count" 'c / $3' | maximum)
    cpu=$(column "$variant" "$count" '$5' | median)
    rss_median=$(column "$variant" "$count" '$4 / 1024' | median)
    rss_max=$(column "$variant" "$count" '$4 / 1024' | maximum)
    awk -v v="$(describe "$variant")" -v c="$count" -v w="$wall" -v r="$rate" -v b="$best" -v u="$cpu" -v rm="$rss_median" -v rx="$rss_max" \
      'BEGIN { printf "| %s | %d | %.3f | %.0f | %.0f | %.2f | %.0f | %.1f | %.1f |\n", v, c, w, r, b, u, c / u, rm, rx }'
  done
done
echo
echo "rows/s = count ÷ wall time of the whole pipeline (both processes' start-up included); for the reader alone,"
echo "messages/s. Peak RSS and CPU (user + system, start-up and JIT included) are the destination process's (GNU"
echo "time); PostgreSQL's own server processes are not counted. Marginal rates from the smallest to the largest count,"
echo "start-up cancelled out (wall / destination CPU):"
echo
read -r -a count_list <<< "$counts"
if [[ ${#count_list[@]} -ge 2 ]]; then
  low=${count_list[0]}
  high=${count_list[${#count_list[@]} - 1]}
  for variant in $variants; do
    awk -v v="$(describe "$variant")" -v l="$low" -v h="$high" \
      -v wl="$(column "$variant" "$low" '$3' | median)" -v wh="$(column "$variant" "$high" '$3' | median)" \
      -v ul="$(column "$variant" "$low" '$5' | median)" -v uh="$(column "$variant" "$high" '$5' | median)" \
      'BEGIN { printf "- %s: %.0f rows/s of wall time, %.0f rows/s of destination CPU time\n", v, (h - l) / (wh - wl), (h - l) / (uh - ul) }'
  done
fi
if [[ -n $baseline_ref ]]; then
  echo
  echo "This build against $baseline_ref, medians within this run (below 1 is faster; CPU is the measure under load):"
  echo
  echo "| variant | count | destination CPU s | at $baseline_ref | ÷ $baseline_ref (CPU) | wall s | at $baseline_ref | ÷ $baseline_ref (wall) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for count in $counts; do
    for variant in $variants; do
      [[ $variant == *@* ]] && continue
      [[ " $variants " == *" $variant@$baseline_ref "* ]] || continue
      awk -v v="$(describe "$variant")" -v c="$count" \
        -v u="$(column "$variant" "$count" '$5' | median)" -v ub="$(column "$variant@$baseline_ref" "$count" '$5' | median)" \
        -v w="$(column "$variant" "$count" '$3' | median)" -v wb="$(column "$variant@$baseline_ref" "$count" '$3' | median)" \
        'BEGIN { printf "| %s | %d | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f |\n", v, c, u, ub, u / ub, w, wb, w / wb }'
    done
  done
fi
echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr), .NET SDK $(dotnet --version), PostgreSQL $([[ -n $pg_bin ]] && "$pg_bin/postgres" --version | awk '{ print $3 }'); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
