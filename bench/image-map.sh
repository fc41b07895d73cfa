#!/usr/bin/env bash
# What fills a native AOT image, from the map the native compiler writes with -p:IlcGenerateMapFile=true
# (obj/<config>/<tfm>/<rid>/native/<name>.map.xml: every node of the image with its length). Sums the nodes by the
# assembly their mangled name starts with, and by type (the name up to its generic arguments or its method), twice: all
# nodes, and the nodes a native start rehydrates into `.hydrated` before Main (method tables, generic dictionaries,
# statics bases, frozen objects, fat function pointers: ILC's DehydratableObjectNode kinds), which is what a native
# `spec` pays for page by page. With a second map (--diff OLD.map.xml) prints what changed between the two.
# Sizes are the nodes' lengths in the object file, before linking; they sum to a little less than the executable.
# Usage: bench/image-map.sh [-t TOP] [--diff OLD.map.xml] MAP.xml
#   e.g. dotnet publish samples/Faker.Source -c Release -r linux-x64 -p:IlcGenerateMapFile=true -o /tmp/aot &&
#        bench/image-map.sh samples/Faker.Source/obj/Release/net10.0/linux-x64/native/source-faker.map.xml
set -euo pipefail
top=25
old=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -t) top=$2; shift 2 ;;
    --diff) old=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# == 1 && -f $1 ]] || { echo "usage: bench/image-map.sh [-t TOP] [--diff OLD.map.xml] MAP.xml" >&2; exit 2; }
python3 - "$1" "$top" "$old" <<'PY'
import re, sys, xml.etree.ElementTree as ET
from collections import Counter
path, top, old = sys.argv[1], int(sys.argv[2]), sys.argv[3]

# Node kinds ILC dehydrates (DehydratableObjectNode): rehydrated into .hydrated at start-up.
HYDRATED = {"ConstructedEEType", "EEType", "CanonicalDefinitionEEType", "ReflectionVisibleGenericDefinitionEEType",
            "GCStaticEEType", "MethodGenericDictionary", "TypeGenericDictionary", "NonGCStatics", "TypeThreadStaticIndex",
            "NativeLayoutSignature", "ArrayOfFrozenObjects", "FatFunctionPointer"}
# Prefixes ILC puts before a type's or method's mangled name, by node kind.
PREFIX = re.compile(r"^(_ZTV\d+|__GenericDict_|__GCSTATICS|__NONGCSTATICS|__THREADSTATICINDEX|__writableData|__unbox_|"
                    r"__GCStaticEEType_|__fatpointer_|__fat_|__CanonicalEETypeNode_|__RuntimeMethodHandle_|__RuntimeFieldHandle_|"
                    r"__typehandle_|__InterfaceDispatchMap_|__SealedVTable_|__GenericComposition_|__EHInfo_|__GCInfo_|"
                    r"__readonlydata_|__ehinfo_|__gcinfo_|__optionalfields_)+")
# Assemblies by their mangled prefix; System.Private.* is mangled S_P_*.
KNOWN = ["S_P_CoreLib", "S_P_TypeLoader", "S_P_StackTraceMetadata", "S_P_Reflection_Execution", "S_P_Uri"]

def load(file):
    nodes = []
    for element in ET.parse(file).getroot():
        name, length = element.get("Name"), element.get("Length")
        if name is not None and length is not None:
            nodes.append((element.tag, name, int(length)))
    return nodes

def assemblies(nodes):
    # The assembly names appear as the prefix of every method; collect candidates from method names' first parts.
    return sorted(set(KNOWN) | {"Connectors_Runtime", "Connectors_Abstractions"}, key=len, reverse=True)

def owner(name, prefixes):
    core = PREFIX.sub("", name)
    core = core[len("Boxed_"):] if core.startswith("Boxed_") else core
    for prefix in prefixes:
        if core.startswith(prefix + "_"):
            rest = core[len(prefix) + 1:]
            return prefix, re.split(r"<|__", rest, maxsplit=1)[0]
    # Other assemblies: System_Linq_System_Linq_Enumerable... -> the part before the first repeat of its first word.
    m = re.match(r"^((?:[A-Z][A-Za-z0-9]*_)+?)(System|Microsoft|Connectors|Internal|Faker|Bogus)_", core)
    if m:
        return m.group(1)[:-1], re.split(r"<|__", core[len(m.group(1)):], maxsplit=1)[0]
    return "(no assembly: runtime tables, strings, blobs)", core.split("<")[0][:60]

def summarize(nodes):
    prefixes = assemblies(nodes)
    by_asm, by_asm_h, by_type, by_type_h, by_kind, by_kind_h = (Counter() for _ in range(6))
    for kind, name, length in nodes:
        asm, typ = owner(name, prefixes)
        by_asm[asm] += length
        by_type[asm + " " + typ] += length
        by_kind[kind] += length
        if kind in HYDRATED:
            by_asm_h[asm] += length
            by_type_h[asm + " " + typ] += length
            by_kind_h[kind] += length
    return by_asm, by_asm_h, by_type, by_type_h, by_kind, by_kind_h

def table(title, counter, n, total=None):
    total = total if total is not None else sum(counter.values())
    print(f"\n### {title} (total {total:,} bytes)\n\n| | bytes | share |\n|---|---:|---:|")
    for key, value in counter.most_common(n):
        print(f"| {key} | {value:,} | {value / total:.1%} |")

def diff_table(title, new, old, n):
    delta = Counter({k: new.get(k, 0) - old.get(k, 0) for k in set(new) | set(old)})
    print(f"\n### {title}: {sum(old.values()):,} -> {sum(new.values()):,} bytes\n\n| | before | after | change |\n|---|---:|---:|---:|")
    for key, value in sorted(delta.items(), key=lambda kv: -abs(kv[1]))[:n]:
        if value:
            print(f"| {key} | {old.get(key, 0):,} | {new.get(key, 0):,} | {value:+,} |")

nodes = load(path)
methods = sum(1 for kind, _, _ in nodes if kind == "MethodCode")
types = sum(1 for kind, _, _ in nodes if kind in ("ConstructedEEType", "EEType"))
print(f"# {path}: {len(nodes):,} nodes, {methods:,} method bodies, {types:,} method tables")
a, ah, t, th, k, kh = summarize(nodes)
if not old:
    table("all nodes by assembly", a, top)
    table("rehydrated nodes by assembly", ah, top)
    table("all nodes by kind", k, 15)
    table("rehydrated nodes by kind", kh, 12)
    table("all nodes by type", t, top)
    table("rehydrated nodes by type", th, top)
else:
    onodes = load(old)
    print(f"# before: {old}: {len(onodes):,} nodes, {sum(1 for kd, _, _ in onodes if kd == 'MethodCode'):,} method bodies, "
          f"{sum(1 for kd, _, _ in onodes if kd in ('ConstructedEEType', 'EEType')):,} method tables")
    oa, oah, ot, oth, ok, okh = summarize(onodes)
    diff_table("all nodes by assembly", a, oa, top)
    diff_table("rehydrated nodes by assembly", ah, oah, top)
    diff_table("all nodes by type", t, ot, top)
    diff_table("rehydrated nodes by type", th, oth, top)
PY
