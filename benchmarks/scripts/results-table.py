#!/usr/bin/env python3
"""Markdown tables from a JMH JSON result file: per benchmark class and parameters, each benchmark's
score and error, and its ratio to the floor measured in the same run.

Usage: results-table.py benchmarks/results/DATE-SHA.json
"""
import collections, json, sys

# benchmark -> (its reference in the same class and parameters, what the ratio means)
PAIRS = {
    "IngestBenchmark.ingest": [("floorTokenScan", "target <= 3x")],
    "IngestBenchmark.reingestUnchanged": [("ingest", "target <= 0.3x"), ("floorTokenScan", "")],
    "LineageBenchmark.lensPlusNodePlus": [("floorPlusNodePlus", "target <= 2x")],
    "LineageBenchmark.lensAtNode": [("floorAtNode", "target <= 2x")],
    "LineageBenchmark.lensThreePlusNode": [("floorThreePlusNode", "target <= 2x")],
    "LineageBenchmark.lensTagIntersection": [("floorTagIntersection", "target <= 2x")],
    "GraphQLBenchmark.lensPage": [("floorPage", "target <= 2x")],
    "HistoryBenchmark.lensRunHistory": [("floorSqlPerModel", "target <= 1.5x"), ("floorSqlBatch", "")],
    "HistoryBenchmark.floorSqlPerModel": [("floorSqlBatch", "")],
    "HistoryBenchmark.viewSqlPerModel": [("floorSqlPerModel", "")],
}

runs = json.load(open(sys.argv[1]))
groups = collections.OrderedDict()
for r in runs:
    cls, method = r["benchmark"].split(".")[-2:]
    params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()) if v != "")
    groups.setdefault((cls, params), {})[method] = r

def fmt(x):
    return f"{x:,.3f}" if x < 10 else f"{x:,.1f}" if x < 1000 else f"{x:,.0f}"

for (cls, params), results in groups.items():
    print(f"\n#### {cls} ({params})\n")
    print("| benchmark | mode | score | error (99.9%) | unit | samples | ratio |")
    print("|---|---|---:|---:|---|---:|---|")
    for method, r in sorted(results.items(), key=lambda kv: (kv[0].startswith("floor"), kv[0])):
        m = r["primaryMetric"]
        ratios = []
        for ref, note in PAIRS.get(f"{cls}.{method}", []):
            if ref in results:
                other = results[ref]["primaryMetric"]
                if other["scoreUnit"] == m["scoreUnit"]:
                    ratios.append(f"{m['score'] / other['score']:.2f}x {ref}" + (f" ({note})" if note else ""))
        err = m.get("scoreError")
        err = "" if not isinstance(err, (int, float)) or err != err else fmt(err)
        n = len([x for fork in m.get("rawData", []) for x in fork])
        print(f"| {method} | {r['mode']} | {fmt(m['score'])} | {err} | {m['scoreUnit']} | {n} | {'; '.join(ratios)} |")
