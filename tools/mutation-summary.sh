#!/usr/bin/env bash
# Prints the mutation score per file, per folder and in total from a Stryker JSON report (tools/mutation.sh writes
# one): detected (killed + timeout) / valid (detected + survived + no coverage), the way Stryker counts it. Needs jq.
#
#   tools/mutation-summary.sh artifacts/mutation/runtime/reports/mutation-report.json
set -euo pipefail
report="${1:?usage: tools/mutation-summary.sh REPORT.json}"
if ! command -v jq >/dev/null; then
  echo "(jq is not installed: open the HTML report beside $report for the scores)" >&2
  exit 0
fi
jq -r '
  def counts: reduce .[] as $m ({killed: 0, survived: 0, nocov: 0};
      if $m.status == "Killed" or $m.status == "Timeout" then .killed += 1
      elif $m.status == "Survived" then .survived += 1
      elif $m.status == "NoCoverage" then .nocov += 1 else . end);
  def sum: reduce .[] as $c ({killed: 0, survived: 0, nocov: 0};
      .killed += $c.killed | .survived += $c.survived | .nocov += $c.nocov);
  def row($name): (.killed + .survived + .nocov) as $valid
    | "\(if $valid == 0 then "-" else "\((1000 * .killed / $valid | round) / 10)%" end)\t\($valid)\t\(.survived)\t\(.nocov)\t\($name)";
  def folder: split("/") | if length > 1 then .[:-1] | join("/") else "." end;
  [.files | to_entries[] | {file: .key, c: (.value.mutants | counts)} | select(.c.killed + .c.survived + .c.nocov > 0)] as $files
  | ((.projectRoot // "") | rtrimstr("/")) as $common
  | ($files | map(.rel = (.file | ltrimstr($common) | ltrimstr("/")))) as $rel
  | "score\tvalid\tsurvived\tno-cov\tfile (under \($common))",
    ($rel | sort_by(.rel)[] | . as $f | .c | row($f.rel)),
    "",
    "score\tvalid\tsurvived\tno-cov\tfolder",
    ($rel | group_by(.rel | folder)[] | (.[0].rel | folder) as $name | map(.c) | sum | row($name)),
    "",
    ($files | map(.c) | sum | row("total"))
' "$report"
