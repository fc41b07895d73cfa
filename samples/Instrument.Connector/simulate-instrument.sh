#!/usr/bin/env bash
# A simulated instrument: writes one result file into a folder every few seconds (Ctrl-C to stop).
# Usage: ./simulate-instrument.sh [folder] [seconds]
set -euo pipefail
folder="${1:-results}"
seconds="${2:-3}"
mkdir -p "$folder"
analytes=(glucose lactate sodium potassium)
n=0
while true; do
  n=$((n + 1))
  name="sim-$(date -u +%Y%m%dT%H%M%S)-$n.json"
  value="$((RANDOM % 90 + 10)).$((RANDOM % 10))"
  # Written under a temporary name, then renamed, so the connector never reads half a file.
  printf '{"sample_id": "SIM-%04d", "analyte": "%s", "value": %s, "unit": "mmol/L", "measured_at": "%s"}\n' \
    "$n" "${analytes[$((n % 4))]}" "$value" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$folder/.$name.tmp"
  mv "$folder/.$name.tmp" "$folder/$name"
  echo "wrote $folder/$name" >&2
  sleep "$seconds"
done
