#!/usr/bin/env bash
# Prints the mutation score per file, per folder and in total from one or more Stryker JSON reports (tools/mutation.sh
# writes one): detected (killed + timeout) / valid (detected + survived + no coverage), the way Stryker counts it.
# Needs jq.
#
#   tools/mutation-summary.sh artifacts/mutation/runtime/reports/mutation-report.json
#   tools/mutation-summary.sh reports/*.json      # the union of runs scoped to different folders (-m globs)
#
# With several reports, the scores are those of their union: a file counts once, from the newest report (by
# modification time) that measured it (that has any mutant of it; a report scoped with -m lists every file but
# mutates only those in scope). Files are matched by their path under the mutated project, so reports written in
# different copies of the tree (git archive) combine. The last column names the report a file's mutants come from,
# and a note on stderr names every file whose source in that report differs from this checkout's: a union is only
# the score of one commit when every report was run on that commit's source.
set -euo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: tools/mutation-summary.sh REPORT.json [REPORT.json...]" >&2
  exit 2
fi
if ! command -v jq >/dev/null; then
  echo "(jq is not installed: open the HTML report beside $1 for the scores)" >&2
  exit 0
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for report in "$@"; do
  [[ -f "$report" ]] || { echo "no such report: $report" >&2; exit 2; }
done
# Oldest first, so that a newer report's file replaces an older one's.
mapfile -t ordered < <(ls -1tr -- "$@")
multi=$(( ${#ordered[@]} > 1 ))

# One line per measured file: relative path, project root, report name, killed, survived, no coverage.
measured="$(for report in "${ordered[@]}"; do
  jq -r --arg report "$report" '
    ((.projectRoot // "") | rtrimstr("/")) as $common
    | .files | to_entries[] | select(.value.mutants | length > 0)
    | (.value.source | split("\n")) as $lines
    # The argument of ConfigureAwait(...) is not counted, as ignore-methods in stryker-config.json now has it: reports
    # written before that change list those mutants, and the union must count files of old and new reports alike.
    | [.value.mutants[] | select(($lines[.location.start.line - 1] // "")[0:(.location.start.column - 1)]
        | endswith("ConfigureAwait(") | not)] as $counted
    | (reduce $counted[] as $m ({k: 0, s: 0, n: 0};
        if $m.status == "Killed" or $m.status == "Timeout" then .k += 1
        elif $m.status == "Survived" then .s += 1
        elif $m.status == "NoCoverage" then .n += 1 else . end)) as $c
    | [(.key | ltrimstr($common) | ltrimstr("/")), $common, $report, $c.k, $c.s, $c.n] | @tsv' "$report"
done)"

# The newest report wins for each file (awk keeps the last line per path).
union="$(printf '%s\n' "$measured" | awk -F'\t' 'NF { last[$1] = $0 } END { for (f in last) print last[f] }' | sort)"

# Stale sources: a file whose source in its report is not this checkout's (projectRoot ends in src/<Project>).
while IFS=$'\t' read -r rel common report _; do
  [[ -n "$rel" ]] || continue
  project="${common##*/src/}"
  local_file="$root/src/$project/$rel"
  if [[ "$common" == */src/* && -f "$local_file" ]]; then
    if ! jq -j --arg rel "$rel" --arg common "$common" '.files[$common + "/" + $rel].source // ""' "$report" \
      | cmp -s - "$local_file"; then
      echo "note: $rel in $report differs from src/$project/$rel" >&2
    fi
  fi
done <<<"$union"

# The table: per file, per folder, total (mawk has no sort, so each section is sorted by sort).
rows() {
  printf '%s\n' "$union" | awk -F'\t' -v mode="$1" -v multi="$multi" '
    function score(k, v) { return v == 0 ? "-" : sprintf("%.1f%%", 100 * k / v) }
    function row(k, s, n, name, extra) { printf "%s\t%d\t%d\t%d\t%s%s\n", score(k, k + s + n), k + s + n, s, n, name, extra }
    NF && $4 + $5 + $6 > 0 {
      folder = $1; sub(/\/[^\/]*$/, "", folder); if (folder == $1) folder = "."
      if (mode == "file") row($4, $5, $6, $1, multi ? "\t" $3 : "")
      fk[folder] += $4; fs[folder] += $5; fn[folder] += $6
      tk += $4; ts += $5; tn += $6
    }
    END {
      if (mode == "folder") for (d in fk) row(fk[d], fs[d], fn[d], d, "")
      if (mode == "total") row(tk, ts, tn, "total", "")
    }' | LC_ALL=C sort -t$'\t' -k5,5
}
printf 'score\tvalid\tsurvived\tno-cov\tfile%s\n' "$( ((multi)) && printf '\treport')"
rows file
printf '\nscore\tvalid\tsurvived\tno-cov\tfolder\n'
rows folder
echo
rows total
