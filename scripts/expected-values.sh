#!/usr/bin/env bash
# expected-values.sh: compute expected values from the real dbt artifacts,
# independently of dbtlens (bash + jq 1.6 + coreutils only).
#
# Usage (from the repo root):
#   scripts/expected-values.sh [ARTIFACTS_DIR] > core/src/test/resources/dev/dbtlens/expected/artifacts.tsv
# ARTIFACTS_DIR defaults to ../shared/dbt-artifacts.
#
# It reads every *.json file under ARTIFACTS_DIR except the top-level
# schemas/ folder (the official JSON Schemas, not artifacts) and prints one
# TSV row per file to stdout: first a header row, then the rows sorted by path
# in byte order (LC_ALL=C). Every row has all 16 columns; a column that does
# not apply to a kind of file is the empty string. Values are written with
# jq's @tsv (no value contains a tab, newline or backslash today).
#
# Columns
#   path                path relative to ARTIFACTS_DIR, '/'-separated
#   kind                from the file name: manifest*.json -> manifest,
#                       run_results*.json -> run_results, sources.json -> sources,
#                       catalog*.json -> catalog, semantic_manifest.json ->
#                       semantic_manifest (other names: warning on stderr, skipped)
#   schema_version      last two URL path segments of metadata.dbt_schema_version
#                       minus ".json", as dbt writes them (manifest/v12,
#                       run-results/v6, sources/v3, catalog/v1);
#                       "unversioned" for semantic_manifest (it has no metadata);
#                       "pre-v1" for any other file without
#                       metadata.dbt_schema_version (dbt 0.18-era files).
#   dbt_version         metadata.dbt_version, or empty
#   invocation_id       metadata.invocation_id, or empty
#   generated_at        metadata.generated_at, else top-level generated_at
#                       (pre-v1 files keep it there), else empty; verbatim.
#   counts              kind-specific, "key=value" pairs joined by ";", sorted by
#                       key (byte order); empty when there is nothing to count.
#   macros edges edges_hash             manifest only
#   results sum_execution_time failures_sum   run_results (results also sources)
#   nodes sources columns               catalog only
#
# manifest
#   counts      entries by resource type over the union (by unique_id) of the
#               top-level objects .nodes .sources .exposures .metrics .groups
#               .semantic_models .saved_queries .unit_tests .functions (each only
#               if present). The type is the entry's "resource_type" field, or,
#               if that is missing, the key's prefix before the first ".".
#               .disabled and .macros are NOT included.
#               e.g. exposure=1;model=2;seed=1;source=1;test=3
#   macros      number of keys in .macros
#   edges       number of distinct (parent, child) pairs in .parent_map, which
#               maps child unique_id -> list of parent unique_ids. A parent that
#               occurs more than once in one list counts once. Such duplicates
#               DO occur in the real data (15 manifests, 1357 repeats: fivetran *_tmp models,
#               Tuva models that ref() the same seed/model twice, one jaffle_shop
#               v9 model), so edges can be smaller than the total list length.
#               Parents are counted whether or not they are keys anywhere: in
#               dbt-artifacts-parser/manifest/v4 the parent
#               model.jaffle_shop.customers is a key only in .disabled.
#   edges_hash  lower-case hex MD5 of the distinct pairs, one line per pair:
#                   <parent unique_id> TAB <child unique_id> LF
#               lines sorted in byte order (LC_ALL=C sort -u), every line
#               including the last terminated by a single "\n" (LF), no header,
#               UTF-8 (all ids are ASCII today, so Java's String.compareTo
#               gives the same order). No pairs -> MD5 of the empty input,
#               d41d8cd98f00b204e9800998ecf8427e.
#               Java: String.join("", sortedLines.map(l -> l + "\n")) -> MD5.
# run_results
#   counts      status=count over .results[].status, lower-cased (dbt Fusion
#               writes "Success", "Pass", ...), e.g. error=1;pass=20;success=8
#   results     length of .results
#   sum_execution_time  sum of .results[].execution_time (null counts as 0),
#               summed in file order, rounded half away from zero to 3 decimals
#               and always printed with exactly 3 decimals, e.g. 12.340, 0.000
#   failures_sum        sum of the non-null .results[].failures; 0 when every
#               value is null or absent (older schemas have no such field)
# sources (sources.json, source freshness)
#   counts      status=count over .results[].status, lower-cased
#               ("runtime error" keeps its space)
#   results     length of .results
# catalog
#   nodes       number of keys in .nodes
#   sources     number of keys in .sources
#   columns     total number of keys in .columns over all entries of .nodes
#               and .sources
# semantic_manifest
#   counts      semantic_model=N;metric=M;saved_query=K: lengths of the
#               .semantic_models, .metrics, .saved_queries arrays (in this fixed
#               order, not sorted); a missing array counts 0 (the dbt 1.6.1
#               Ad Reporting file has no saved_queries key).
# pre-v1 (no metadata.dbt_schema_version, not semantic_manifest)
#   schema_version is "pre-v1"; dbt_version/invocation_id are empty,
#   generated_at is filled if present; all count columns are empty.
#
# Exit status: non-zero if jq failed on any file (the row for that file is
# missing from the output and the file is named on stderr).
set -euo pipefail
export LC_ALL=C

ARTIFACTS_DIR="${1:-../shared/dbt-artifacts}"
if [ ! -d "$ARTIFACTS_DIR" ]; then
  echo "expected-values.sh: no such directory: $ARTIFACTS_DIR" >&2
  exit 2
fi
command -v jq >/dev/null || { echo "expected-values.sh: jq not found" >&2; exit 2; }

if command -v md5sum >/dev/null; then
  md5_hex() { md5sum | cut -d' ' -f1; }
else
  md5_hex() { md5 -q; }   # macOS
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# First output line: the TSV row; for manifests edges_hash is the placeholder
# @EDGES_HASH@, and the following lines are the distinct "parent<TAB>child" pairs.
read -r -d '' JQ_PROG <<'JQ' || true
def counts_str: group_by(.) | map("\(.[0])=\(length)") | join(";");
def fixed3: (. * 1000 | round) as $n
  | ($n % 1000 | tostring) as $f
  | "\(($n - ($n % 1000)) / 1000)." + ("000"[0:(3 - ($f | length))]) + $f;
def row($o):
  [$path, $kind, $o.sv, $o.dv, $o.inv, $o.gen, $o.counts, $o.macros, $o.edges,
   $o.edges_hash, $o.results, $o.sum_et, $o.failures, $o.nodes, $o.sources, $o.columns]
  | map(if . == null then "" else tostring end) | @tsv;

(.metadata // {}) as $m
| ($m.dbt_schema_version // null) as $url
| { dv: ($m.dbt_version // ""), inv: ($m.invocation_id // ""),
    gen: ($m.generated_at // .generated_at // "") } as $base
| if $kind == "semantic_manifest" then
    row({ sv: "unversioned",
          counts: "semantic_model=\(.semantic_models // [] | length);metric=\(.metrics // [] | length);saved_query=\(.saved_queries // [] | length)" })
  elif $url == null then
    row($base + { sv: "pre-v1" })
  else
    ($url | split("/") | .[-2:] | join("/") | sub("\\.json$"; "")) as $sv
    | if $kind == "manifest" then
        ( [ ("nodes", "sources", "exposures", "metrics", "groups", "semantic_models",
             "saved_queries", "unit_tests", "functions") as $c
            | (.[$c] // {}) | to_entries[] ]
          | unique_by(.key)
          | map(.value.resource_type // (.key | split(".")[0]))
          | counts_str ) as $counts
        | [ (.parent_map // {}) | to_entries[] | .key as $child
            | .value | unique[] | "\(.)\t\($child)" ] as $pairs
        | row($base + { sv: $sv, counts: $counts, macros: (.macros // {} | length),
                        edges: ($pairs | length), edges_hash: "@EDGES_HASH@" }),
          $pairs[]
      elif $kind == "run_results" then
        row($base + { sv: $sv,
          counts: ([.results[] | .status | tostring | ascii_downcase] | counts_str),
          results: (.results | length),
          sum_et: ([.results[] | .execution_time // 0] | add // 0 | fixed3),
          failures: ([.results[] | .failures | numbers] | add // 0) })
      elif $kind == "sources" then
        row($base + { sv: $sv,
          counts: ([.results[] | .status | tostring | ascii_downcase] | counts_str),
          results: (.results | length) })
      elif $kind == "catalog" then
        row($base + { sv: $sv, nodes: (.nodes // {} | length),
          sources: (.sources // {} | length),
          columns: ([(.nodes // {}), (.sources // {}) | .[] | (.columns // {} | length)] | add // 0) })
      else error("unknown kind \($kind)") end
  end
JQ

printf '%s\n' "path	kind	schema_version	dbt_version	invocation_id	generated_at	counts	macros	edges	edges_hash	results	sum_execution_time	failures_sum	nodes	sources	columns"

failed=0
( cd "$ARTIFACTS_DIR" && find . -path ./schemas -prune -o -type f -name '*.json' -print ) \
  | sed 's|^\./||' | sort > "$tmp/files"

while IFS= read -r rel; do
  base="${rel##*/}"
  case "$base" in
    manifest*.json)         kind=manifest ;;
    run_results*.json)      kind=run_results ;;
    sources.json)           kind=sources ;;
    catalog*.json)          kind=catalog ;;
    semantic_manifest.json) kind=semantic_manifest ;;
    *) echo "expected-values.sh: skipping unrecognised file name: $rel" >&2; continue ;;
  esac
  if ! jq -r --arg path "$rel" --arg kind "$kind" "$JQ_PROG" "$ARTIFACTS_DIR/$rel" > "$tmp/out" 2> "$tmp/err"; then
    echo "expected-values.sh: jq failed on $rel: $(head -c 500 "$tmp/err")" >&2
    failed=1
    continue
  fi
  row="$(head -n 1 "$tmp/out")"
  if [ "$kind" = manifest ] && [[ "$row" == *@EDGES_HASH@* ]]; then
    tail -n +2 "$tmp/out" | sort -u > "$tmp/edges"
    hash="$(md5_hex < "$tmp/edges")"
    n="$(wc -l < "$tmp/edges" | tr -d ' ')"
    edges="$(printf '%s\n' "$row" | cut -f9)"
    if [ "$n" != "$edges" ]; then
      echo "expected-values.sh: edge count mismatch in $rel ($n vs $edges)" >&2
      failed=1
    fi
    row="${row/@EDGES_HASH@/$hash}"
  fi
  printf '%s\n' "$row"
done < "$tmp/files"

exit "$failed"
