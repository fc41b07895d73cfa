# Helpers shared by the benchmark scripts (sourced, not run).

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { sort -g | tail -1; }
now_ns() { date +%s%N; }

# Values of one variant and count from $work/runs.tsv ("variant count wall-s peak-RSS-KiB cpu-s"), computed by an awk
# expression over $3 (wall), $4 (RSS) and $5 (CPU), with c bound to the count.
column() { # variant count awk-expression
  awk -v v="$1" -v c="$2" '$1 == v && $2 == c { print '"$3"' }' "$work/runs.tsv"
}

# The variants of run $1 (1-based) in a rotated order, so drift in machine load hits every variant alike.
rotated() { # run variants...
  local run=$1
  shift
  local list=("$@")
  local by=$(( (run - 1) % ${#list[@]} ))
  echo "${list[*]:by} ${list[*]:0:by}"
}

# GNU time's peak RSS (KiB) and CPU seconds (user + system) from its -v output file.
peak_rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
cpu_seconds() { awk -F': ' '/User time|System time/ { sum += $2 } END { print sum }' "$1"; }

# Extracts the repository as it is at git REF into DIR (emptied first) and builds PROJECT (a path in it) in Release:
# the "before" side of a --baseline comparison.
build_at_ref() { # ref dir project
  rm -rf "$2"
  mkdir -p "$2"
  git -C "$root" archive "$1" | tar -x -C "$2"
  dotnet build "$2/$3" -c Release -nologo -v q >&2
}

# Where a --baseline build of NAME lives: outside the repository (a second copy of its projects under it makes
# BenchmarkDotNet refuse to build the generator benchmark: two projects of one name), kept for --no-build.
baseline_dir() { # name
  echo "${TMPDIR:-/tmp}/connectors-bench-$(id -u)/$(basename "$root")-$1"
}
