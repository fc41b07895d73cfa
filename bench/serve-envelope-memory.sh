#!/usr/bin/env bash
# serve's memory under one large envelope line: the Lifecycle test connector's `serve` gets a warm-up command, then one
# line of a given size (a Lifecycle.Raw payload), then Shutdown. Prints the peak RSS (VmHWM) before and after the line,
# the growth, and the answer. Lines over --max-envelope-bytes are refused; memory should follow the limit, not the line.
#
#   bench/serve-envelope-memory.sh [--no-build] ["LIMIT:MiB ..."]
#   default cases: 1048576:200 default:200 default:12 (LIMIT "default" omits the option: 16 MiB)
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
if [[ ${1:-} == --no-build ]]; then build=0; shift; fi
cases=${1:-"1048576:200 default:200 default:12"}
project=tests/TestConnectors/Lifecycle.Connector
if (( build )); then dotnet build -c Release "$project" -v quiet -nologo >/dev/null; fi
dll=$project/bin/Release/net10.0/lifecycle-connector.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo '{}' > "$work/config.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for case in $cases; do
  LIFECYCLE_JOURNAL="$work/journal.txt" python3 - "$dll" "$work/config.json" "${case%%:*}" "${case##*:}" <<'PY'
import subprocess, sys, time
dll, config, limit, mib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
args = ["dotnet", dll, "serve", "--config", config] + ([] if limit == "default" else ["--max-envelope-bytes", limit])
p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def peak():
    return next(int(l.split()[1]) // 1024 for l in open(f"/proc/{p.pid}/status") if l.startswith("VmHWM"))
p.stdin.write(b'{"id":"warm","action":"Lifecycle.Raw","payload":{"json":"1"}}\n'); p.stdin.flush(); p.stdout.readline()
before, started = peak(), time.time()
p.stdin.write(b'{"id":"big","action":"Lifecycle.Raw","payload":{"json":"')
chunk = b"x" * (1024 * 1024)
for _ in range(mib): p.stdin.write(chunk)
p.stdin.write(b'"}}\n'); p.stdin.flush()
answer = p.stdout.readline()
after, seconds = peak(), time.time() - started
p.stdin.write(b'{"id":"bye","action":"TetraScience.Connector.Shutdown"}\n'); p.stdin.close(); p.wait()
status = b"FAILURE" if b'"status":"FAILURE"' in answer else b"SUCCESS"
print(f"limit {limit:>9}  line {mib:>4} MiB  peak RSS {before} -> {after} MiB (+{after - before} MiB)  {seconds:.2f} s  {status.decode()}")
PY
done
