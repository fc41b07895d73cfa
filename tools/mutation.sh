#!/usr/bin/env bash
# Mutation testing (Stryker.NET, the local tool in dotnet-tools.json) of the runtime and the generator with their unit
# tests. Slow (the whole runtime takes ~20 minutes on 2 cores), so it is not part of CI: run it before and after
# changing tests or logic, and compare the scores. Reports (HTML and JSON) go to artifacts/mutation/<target>/, ignored by git.
#
#   tools/mutation.sh runtime                                     # the whole runtime
#   tools/mutation.sh runtime --mutate '**/Commands/CommandServer.cs'  # one file (any Stryker option may follow)
#   tools/mutation.sh generator
#   tools/mutation.sh all
#
# Each target's options are in tests/<TestProject>/stryker-config.json. The script ends with the score per file and
# per folder (detected / valid mutants; valid = killed + timeout + survived + no coverage), read from the JSON report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-}"
shift || true

run() {
  local name="$1" tests="$2"
  shift 2
  local output="$root/artifacts/mutation/$name"
  rm -rf "$output"
  mkdir -p "$output"
  echo "== Stryker: $name (tests/$tests), reports in artifacts/mutation/$name/reports"
  (cd "$root/tests/$tests" && dotnet tool run dotnet-stryker --skip-version-check --output "$output" "$@")
  "$root/tools/mutation-summary.sh" "$output/reports/mutation-report.json"
}

# Stryker finds the SDK through Buildalyzer, which gives `dotnet --info` 10 s by default and then fails with "Could
# not find build environment": on a loaded machine it takes longer.
export DOTNET_INFO_WAIT_TIME="${DOTNET_INFO_WAIT_TIME:-120000}"

cd "$root"
dotnet tool restore >/dev/null
case "$target" in
  runtime) run runtime Connectors.Runtime.Tests "$@" ;;
  generator) run generator Connectors.Generators.Tests "$@" ;;
  all)
    run runtime Connectors.Runtime.Tests "$@"
    run generator Connectors.Generators.Tests "$@"
    ;;
  *)
    echo "usage: tools/mutation.sh runtime|generator|all [stryker options...]" >&2
    exit 2
    ;;
esac
