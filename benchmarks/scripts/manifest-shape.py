#!/usr/bin/env python3
"""Shape figures of dbt manifests, to compare generated projects with real ones.

Usage: manifest-shape.py MANIFEST.json...   (prints one Markdown table row per file)

Per file: models, data tests, tests per model, declared columns per model (mean), model fan-in
(depends_on.nodes of models: mean and max), model fan-out (models, tests and other nodes that list a
model in depends_on.nodes: mean and max), DAG depth (longest chain of source/seed/snapshot/model
edges, as in testdata/README.md), mean JSON size of a model node and of a test node (json.dumps with
Python's default separators, as in testdata/README.md), file size. Reads each file with json.load.
"""
import collections, json, os, sys

print("| manifest | dbt | MB | models | tests | tests/model | columns/model | fan-in mean (max) "
      "| fan-out mean (max) | depth | model node | test node |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
sys.setrecursionlimit(100000)
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        m = json.load(f)
    nodes = m.get("nodes", {})
    models = {k: n for k, n in nodes.items() if n.get("resource_type") == "model"}
    tests = [n for n in nodes.values() if n.get("resource_type") == "test"]
    fan_in = [len(n.get("depends_on", {}).get("nodes", [])) for n in models.values()]
    fan_out = collections.Counter()
    for n in list(nodes.values()) + list(m.get("exposures", {}).values()):
        for p in n.get("depends_on", {}).get("nodes", []):
            if p in models:
                fan_out[p] += 1
    outs = [fan_out.get(k, 0) for k in models]
    graph = {k: [p for p in n.get("depends_on", {}).get("nodes", []) if not p.startswith("test.")]
             for k, n in nodes.items() if n.get("resource_type") in ("model", "seed", "snapshot")}
    memo = {}
    def depth(k):
        if k in memo:
            return memo[k]
        memo[k] = 0
        d = max((1 + depth(p) for p in graph.get(k, [])), default=0)
        memo[k] = d
        return d
    max_depth = max((depth(k) for k in models), default=0)
    cols = [len(n.get("columns") or {}) for n in models.values()]
    msize = [len(json.dumps(n)) for n in models.values()]
    tsize = [len(json.dumps(n)) for n in tests]
    mean = lambda xs: sum(xs) / len(xs) if xs else 0
    name = os.path.relpath(path)
    print(f"| {name} | {m.get('metadata', {}).get('dbt_version')} | {os.path.getsize(path) / 1e6:.1f} "
          f"| {len(models):,} | {len(tests):,} | {len(tests) / max(1, len(models)):.2f} | {mean(cols):.1f} "
          f"| {mean(fan_in):.2f} ({max(fan_in, default=0)}) | {mean(outs):.2f} ({max(outs, default=0)}) "
          f"| {max_depth} | {mean(msize) / 1000:.1f} KB | {mean(tsize) / 1000:.1f} KB |", flush=True)
    del m, nodes, models, tests, graph, memo
