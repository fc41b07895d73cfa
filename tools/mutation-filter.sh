#!/usr/bin/env bash
# Prints a Stryker --test-case-filter of the test classes that name a type declared in the given source folders.
# Code that nearly every test runs (JSON reading, descriptions, masking, logging) makes each mutant run most of the
# suite, about 10 s a mutant on 2 cores; the classes that name the folder's types usually kill what the rest would.
# A filtered score is a lower bound. Add classes that reach the code without naming it (hosts, integration-style
# tests) with --also.
#
#   tools/mutation-filter.sh tests/Connectors.Runtime.Tests src/Connectors.Runtime/Secrets [--also Class1 Class2...]
#   tools/mutation.sh runtime -c 1 -m '**/Secrets/*.cs' --test-case-filter "$(tools/mutation-filter.sh ...)"
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: tools/mutation-filter.sh TEST_PROJECT_DIR SOURCE_FOLDER... [--also CLASS...]" >&2
  exit 2
fi
tests="$1"; shift
folders=(); extra=()
while [[ $# -gt 0 && "$1" != "--also" ]]; do folders+=("$1"); shift; done
[[ $# -gt 0 ]] && { shift; extra=("$@"); }
types=$(grep -rhoE '^\s*(public|internal)\s+((static|sealed|abstract|readonly|partial|ref|record)\s+)*(class|struct|record|interface|enum)\s+[A-Za-z0-9_]+' \
  --include='*.cs' "${folders[@]}" | awk '{print $NF}' | sort -u | paste -sd'|')
[[ -n "$types" ]] || { echo "no types declared in ${folders[*]}" >&2; exit 1; }
{ grep -rlwE "$types" "$tests" --include='*Tests.cs' | xargs -r -n1 basename | sed 's/\.cs$//'; printf '%s\n' "${extra[@]}"; } \
  | sed '/^$/d' | sort -u | sed 's/^/FullyQualifiedName~./' | paste -sd'|'
