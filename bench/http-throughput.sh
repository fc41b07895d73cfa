#!/usr/bin/env bash
# Records/s of the npm registry sample (Connectors.Http) against a local verdaccio, beside a hand-written HttpClient
# loop over the same pages, and the versions substream's scaling with `concurrency`. Numbers are reported, never
# asserted. See bench/README.md.
#
# usage: bench/http-throughput.sh [-n RUNS] [-p PACKAGES] [-v VERSIONS] [-c "CONCURRENCY ..."] [--aot] [--no-build]
#   -n RUNS             runs per variant, interleaved (default 7)
#   -p PACKAGES         packages to publish (default 2500: ten search pages of 250)
#   -v VERSIONS         versions per package (default 2)
#   -c "CONCURRENCY …"  concurrency values for the versions stream (default "1 2 4 8")
#   --aot               also publish both sides as native executables (PublishAot, as the sample ships) and compare them
#   --no-build          reuse the previous builds
set -euo pipefail

runs=7
packages=2500
versions=2
concurrencies="1 2 4 8"
build=1
aot=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -p) packages=$2; shift 2 ;;
    -v) versions=$2; shift 2 ;;
    -c) concurrencies=$2; shift 2 ;;
    --aot) aot=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
work=$root/bench/results/http-throughput   # bench/results/ is git-ignored
rm -rf "$work/verdaccio"
mkdir -p "$work/verdaccio"
sample=$root/samples/NpmRegistry.Source/bin/Release/net10.0/source-npm-registry
hand=$root/bench/NpmRegistry.HandWritten/bin/Release/net10.0/npm-registry-handwritten
tools=${CONNECTORS_TOOLS:-$HOME/.cache/connectors/tools}/verdaccio-6.8.0

if [[ $build == 1 ]]; then
  echo "== building (Release)" >&2
  dotnet build "$root/samples/NpmRegistry.Source" -c Release -nologo -v q >&2
  dotnet build "$root/bench/NpmRegistry.HandWritten" -c Release -nologo -v q >&2
  if [[ $aot == 1 ]]; then
    echo "== publishing both as native executables" >&2
    dotnet publish "$root/samples/NpmRegistry.Source" -c Release -r linux-x64 -o "$work/aot/sample" -nologo -v q >&2
    dotnet publish "$root/bench/NpmRegistry.HandWritten" -c Release -r linux-x64 -o "$work/aot/hand" -nologo -v q >&2
  fi
fi
if [[ ! -f $tools/node_modules/verdaccio/bin/verdaccio ]]; then
  echo "== installing verdaccio 6.8.0 into $tools" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel error verdaccio@6.8.0 >&2
fi

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
url=http://127.0.0.1:$port/
cat > "$work/verdaccio/config.yaml" <<YAML
storage: $work/verdaccio/storage
auth:
  htpasswd:
    file: $work/verdaccio/htpasswd
    max_users: 10
uplinks: {}
packages:
  '**':
    access: \$authenticated
    publish: \$authenticated
userRateLimit:
  windowMs: 1000
  max: 1000000
# JWT tokens are checked with an HMAC; verdaccio's legacy tokens cost a bcrypt of the password on every request.
security:
  api:
    jwt:
      sign:
        expiresIn: 7d
log: { type: stdout, format: json, level: error }
YAML
node "$tools/node_modules/verdaccio/bin/verdaccio" --config "$work/verdaccio/config.yaml" --listen "127.0.0.1:$port" > "$work/verdaccio/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "${url}-/ping" > /dev/null && break; sleep 0.2; done
token=$(curl -sf -X PUT -H 'content-type: application/json' "${url}-/user/org.couchdb.user:bench" -d '{"name":"bench","password":"bench-password"}' \
  | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).token))")
echo "== publishing $packages packages × $versions versions into verdaccio on port $port" >&2
node "$root/bench/npm-registry/seed.mjs" "$url" "$token" "$packages" "$versions" bench-pkg

config_for() { # concurrency
  local file=$work/config.$1.json
  printf '{"registry_url":"%s","token":"%s","search_text":"bench-pkg","page_size":250,"concurrency":%s}\n' "$url" "$token" "$1" > "$file"
  echo "$file"
}
catalog_for() { # stream
  local file=$work/catalog.$1.json
  printf '{"streams":[{"stream":{"name":"%s","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"}]}\n' "$1" > "$file"
  echo "$file"
}
# The runtime settings each side is built with differ: the sample gets the SDK's (Connectors.Runtime.props: no
# concurrent GC, tier-up after 1,000 calls with no delay), the hand loop .NET's defaults. The *-sdk and *-dotnet
# variants run each side with the other's settings too (environment variables override runtimeconfig.json), so every
# ratio can be read between equal settings. The runtime reads a DOTNET_ number as hexadecimal (runtimeconfig.json's as
# decimal): 3E8 is 1,000 calls, 64 is 100 ms and 1E is 30 calls. Until 2026-12-05 these said 1000, 100 and 30, which the
# runtime took for 4,096 calls, 256 ms and 48 calls (bench/README.md, "The tiering variables were hexadecimal").
sdk_settings="env DOTNET_gcConcurrent=0 DOTNET_TC_CallCountingDelayMs=0 DOTNET_TC_CallCountThreshold=3E8"
dotnet_settings="env DOTNET_gcConcurrent=1 DOTNET_TC_CallCountingDelayMs=64 DOTNET_TC_CallCountThreshold=1E"
command_for() { # variant
  case "$1" in
    handwritten) echo "$hand --url $url --token $token --page-size 250 --search bench-pkg" ;;
    handwritten-sdk) echo "$sdk_settings $(command_for handwritten)" ;;
    toolkit) echo "$sample read --config $(config_for 1) --catalog $(catalog_for packages)" ;;
    toolkit-dotnet) echo "$dotnet_settings $(command_for toolkit)" ;;
    handwritten-aot) echo "$work/aot/hand/npm-registry-handwritten --url $url --token $token --page-size 250 --search bench-pkg" ;;
    toolkit-aot) echo "$work/aot/sample/source-npm-registry read --config $(config_for 1) --catalog $(catalog_for packages)" ;;
    versions-c*) echo "$sample read --config $(config_for "${1#versions-c}") --catalog $(catalog_for versions)" ;;
  esac
}
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${measured_server:-$server}/stat"; }

echo "== checking that both variants write the same RECORD lines" >&2
checked="handwritten toolkit"
[[ $aot == 1 ]] && checked="$checked handwritten-aot toolkit-aot"
for variant in $checked; do
  $(command_for $variant) | grep '^{"type":"RECORD"' | sed -E 's/"emitted_at":[0-9]+/"emitted_at":0/' > "$work/check.$variant.jsonl"
done
[[ $(wc -l < "$work/check.handwritten.jsonl") == "$packages" ]] || { echo "the hand-written loop did not read $packages packages" >&2; exit 1; }
for variant in $checked; do
  cmp -s "$work/check.handwritten.jsonl" "$work/check.$variant.jsonl" || { echo "the variants differ: diff $work/check.handwritten.jsonl $work/check.$variant.jsonl" >&2; exit 1; }
done
[[ $($(command_for versions-c8) | grep -c '^{"type":"RECORD"') == $((packages * versions)) ]] || { echo "the versions stream did not read every version" >&2; exit 1; }

# The rows of a table, in pairs of equal runtime settings; settings_of sets $settings and the pair's $baseline.
table_order() { echo "handwritten toolkit-dotnet handwritten-sdk toolkit$([[ $aot == 1 ]] && echo " handwritten-aot toolkit-aot")"; }
settings_of() { # variant
  case "$1" in
    handwritten|toolkit-dotnet) settings=".NET defaults"; baseline=handwritten ;;
    *-aot) settings="native AOT"; baseline=handwritten-aot ;;
    *) settings="the SDK's"; baseline=handwritten-sdk ;;
  esac
}

# One run, appended to $work/runs.tsv as "variant records wall-s peak-RSS-KiB cpu-s server-cpu-s".
ticks=$(getconf CLK_TCK)
measure() { # variant records
  local start end before after
  before=$(server_cpu_ticks)
  start=$(now_ns)
  /usr/bin/time -v -o "$work/time.txt" $(command_for "$1") > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  end=$(now_ns)
  after=$(server_cpu_ticks)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", (e - s) / 1e9 }')" \
    "$(peak_rss "$work/time.txt")" "$(cpu_seconds "$work/time.txt")" "$(awk -v b="$before" -v a="$after" -v t="$ticks" 'BEGIN { printf "%.2f", (a - b) / t }')" \
    >> "$work/runs.tsv"
}
column6() { awk -v v="$1" '$1 == v { print '"$2"' }' "$work/runs.tsv"; }

: > "$work/runs.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
variants="handwritten handwritten-sdk toolkit toolkit-dotnet"
packages_variants=$variants
[[ $aot == 1 ]] && packages_variants="$packages_variants handwritten-aot toolkit-aot"
variants=$packages_variants
for c in $concurrencies; do variants="$variants versions-c$c"; done
for ((i = 1; i <= runs; i++)); do
  for variant in $(rotated "$i" $variants); do
    echo "   run $i/$runs $variant" >&2
    case "$variant" in
      versions-c*) measure "$variant" $((packages * versions)) ;;
      *) measure "$variant" "$packages" ;;
    esac
  done
done

echo
echo "## packages: $packages records in pages of 250 ($((packages / 250)) pages), $runs runs each, interleaved; $(date -u +%Y-%m-%dT%H:%MZ); load average before: $load_before"
echo
echo "| variant | runtime settings | median wall s | median records/s | ÷ hand-written, same settings (records/s) | median client CPU s | median server CPU s | median peak RSS MiB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for variant in $(table_order); do
  settings_of "$variant"
  awk -v v="$variant" -v g="$settings" -v w="$(column6 "$variant" '$3' | median)" -v r="$(column6 "$variant" '$2 / $3' | median)" \
    -v h="$(column6 "$baseline" '$2 / $3' | median)" \
    -v u="$(column6 "$variant" '$5' | median)" -v s="$(column6 "$variant" '$6' | median)" -v m="$(column6 "$variant" '$4 / 1024' | median)" \
    'BEGIN { printf "| %s | %s | %.3f | %.0f | %.3f | %.2f | %.2f | %.1f |\n", v, g, w, r, r / h, u, s, m }'
done
echo
awk -v t="$(column6 toolkit '$2 / $3' | median)" -v h="$(column6 handwritten '$2 / $3' | median)" \
  'BEGIN { printf "As built (the sample with the SDK'"'"'s settings, the hand loop with .NET'"'"'s): toolkit ÷ hand-written %.3f (records/s)\n", t / h }'
echo
echo "## versions: a substream of packages, one package document per partition ($packages documents, $((packages * versions)) records)"
echo
echo "| concurrency | median wall s | median records/s | × concurrency 1 | median client CPU s | median server CPU s | server CPU ÷ wall |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
first=""
for c in $concurrencies; do
  rate=$(column6 "versions-c$c" '$2 / $3' | median)
  first=${first:-$rate}
  awk -v c="$c" -v w="$(column6 "versions-c$c" '$3' | median)" -v r="$rate" -v f="$first" -v u="$(column6 "versions-c$c" '$5' | median)" \
    -v s="$(column6 "versions-c$c" '$6' | median)" -v b="$(column6 "versions-c$c" '$6 / $3' | median)" \
    'BEGIN { printf "| %d | %.3f | %.0f | %.2f | %.2f | %.2f | %.2f |\n", c, w, r, r / f, u, s, b }'
done
echo
echo "## packages in-process: the hand loop and Connectors.Http reading the same $((packages / 250)) pages in turn, no process start-up, no RECORD writing"
echo
$hand --url "$url" --token "$token" --page-size 250 --search bench-pkg --alternate "$((runs * 2 + 1))"
echo
echo "## packages in-process against a static server: the same pages, saved from verdaccio and served from memory by Node"
echo
mkdir -p "$work/pages"
rm -f "$work/pages"/page-*.json
for ((from = 0; from < packages; from += 250)); do
  curl -sf -H "authorization: Bearer $token" "${url}-/v1/search?text=bench-pkg&from=$from&size=250" > "$work/pages/page-$from.json"
done
node "$root/bench/npm-registry/static-pages.mjs" "$work/pages" > "$work/static.url" &
static=$!
trap 'kill $server $static 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [[ -s $work/static.url ]] && break; sleep 0.1; done
$hand --url "$(cat "$work/static.url")" --token "$token" --page-size 250 --search bench-pkg --alternate "$((runs * 20 + 1))"
echo
echo "## packages, whole process, against the static server: start-up and RECORD writing included, the server's time not"
echo
mv "$work/runs.tsv" "$work/runs.verdaccio.tsv"
: > "$work/runs.tsv"
url=$(cat "$work/static.url")
measured_server=$static
for ((i = 1; i <= runs * 3; i++)); do
  for variant in $(rotated "$i" $packages_variants); do
    measure "$variant" "$packages"
  done
done
[[ $($(command_for toolkit) | grep -c '^{"type":"RECORD"') == "$packages" ]] || { echo "the sample did not read $packages packages from the static server" >&2; exit 1; }
echo "| variant | runtime settings | median wall ms | median CPU ms | ÷ hand-written, same settings (CPU) | median records/s | ÷ hand-written, same settings (records/s) |"
echo "|---|---|---:|---:|---:|---:|---:|"
for variant in $(table_order); do
  settings_of "$variant"
  awk -v v="$variant" -v g="$settings" -v w="$(column6 "$variant" '$3 * 1000' | median)" -v u="$(column6 "$variant" '$5 * 1000' | median)" \
    -v hu="$(column6 "$baseline" '$5 * 1000' | median)" -v r="$(column6 "$variant" '$2 / $3' | median)" -v h="$(column6 "$baseline" '$2 / $3' | median)" \
    'BEGIN { printf "| %s | %s | %.0f | %.0f | %.2f | %.0f | %.3f |\n", v, g, w, u, u / hu, r, r / h }'
done
kill $static 2>/dev/null || true
echo
echo "records/s = records ÷ wall time of the whole process, start-up included. Server CPU = verdaccio's user + system"
echo "time during the run (from /proc); a ratio to wall near 1.0 means its single Node thread is saturated."
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr), .NET SDK $(dotnet --version), Node $(node --version); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
