#!/usr/bin/env bash
# Read throughput and peak memory of samples/Postgres.Source beside PostgreSQL's own export (`psql -c "\copy … to
# stdout"`) of the same 10-column table, in one interleaved run against a throwaway cluster this script starts (and
# stops). Numbers are reported, never asserted. See bench/README.md.
#
# usage: bench/postgres-source.sh [-n RUNS] [-r "ROWS ..."] [--no-build]
#   -n RUNS        runs per variant and row count, interleaved (default 5)
#   -r "ROWS ..."  table sizes (default "100000 1000000"): memory flat in row count shows as equal peak RSS
#   --no-build     reuse the previous Release build
set -euo pipefail

runs=5
sizes="100000 1000000"
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -r) sizes=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
work=$root/bench/results/postgres-source   # bench/results/ is git-ignored
mkdir -p "$work"
dll=$root/samples/Postgres.Source/bin/Release/net10.0/source-postgres.dll
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 1; }
[[ -x $bin/initdb ]] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }

if [[ $build == 1 ]]; then
  echo "== building (Release)" >&2
  dotnet build "$root/samples/Postgres.Source" -c Release -nologo -v q >&2
fi

cluster=$(mktemp -d /tmp/pg-bench-XXXXXX)
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) == 0 ]] && chown postgres:postgres "$cluster"
port=$(( 20000 + RANDOM % 20000 ))
as_pg "$bin/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null; rm -rf "$cluster"' EXIT
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -d bench -X -q "$@"; }
psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -X -q -c "CREATE DATABASE bench"

printf '%-22s %10s %12s %12s %14s\n' variant rows "median s" "rows/s" "peak RSS MB"
for rows in $sizes; do
  psql_ -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS b CASCADE; CREATE SCHEMA b;
    CREATE TABLE b.t (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, amount numeric(12,2), ratio double precision,
      flag boolean, name text, code varchar(16), day date, qty integer, payload jsonb);
    INSERT INTO b.t SELECT i, '2024-01-01'::timestamptz + i * interval '1 second', i * 1.25, i / 7.0, i % 2 = 0,
      'name ' || i, 'c' || (i % 1000), '2024-01-01'::date + (i % 365), i % 100, jsonb_build_object('k', i)
      FROM generate_series(1, $rows) i;"
  psql_ -c "VACUUM ANALYZE b.t"
  printf '{"host":"127.0.0.1","port":%d,"database":"bench","username":"postgres","schemas":["b"],"ssl_mode":"disable"}' "$port" > "$work/config.json"
  printf '{"streams":[{"stream":{"name":"t","namespace":"b","json_schema":{}},"sync_mode":"full_refresh","destination_sync_mode":"append"}]}' > "$work/catalog.json"
  for variant in connector psql-copy; do : > "$work/$variant-$rows.times"; : > "$work/$variant-$rows.rss"; done
  for ((i = 0; i < runs; i++)); do
    for variant in connector psql-copy; do   # interleaved: both variants see the same machine load
      start=$(now_ns)
      if [[ $variant == connector ]]; then
        /usr/bin/time -v -o "$work/time.txt" dotnet "$dll" read --config "$work/config.json" --catalog "$work/catalog.json" > /dev/null
      else
        /usr/bin/time -v -o "$work/time.txt" psql -h 127.0.0.1 -p "$port" -U postgres -d bench -X -q -c "\\copy b.t to stdout" > /dev/null
      fi
      echo "$(( $(now_ns) - start ))" >> "$work/$variant-$rows.times"
      peak_rss "$work/time.txt" >> "$work/$variant-$rows.rss"
    done
  done
  for variant in connector psql-copy; do
    seconds=$(awk '{ print $1 / 1e9 }' "$work/$variant-$rows.times" | median)
    rss=$(awk '{ print $1 / 1024 }' "$work/$variant-$rows.rss" | median)
    printf '%-22s %10d %12.2f %12.0f %14.1f\n' "$variant" "$rows" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "$rss"
  done
done
