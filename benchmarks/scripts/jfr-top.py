#!/usr/bin/env python3
"""Aggregates a JFR recording's CPU samples: top frames by self and by total samples.

Usage: jfr-top.py FILE.jfr [--events jdk.ExecutionSample,jdk.NativeMethodSample] [--top 25]
       [--thread SUBSTRING] [--filter PREFIX] [--under FRAME] [--callers FRAME]
  --filter PREFIX  "total" lists only frames starting with PREFIX
  --under FRAME    only samples whose stack holds a frame starting with FRAME (e.g. the benchmark method)
  --callers FRAME  also lists, for samples under FRAME, its nearest callers (matching --filter)
Needs the JDK's `jfr` tool on PATH.
"""
import argparse, collections, json, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--events", default="jdk.ExecutionSample,jdk.NativeMethodSample")
ap.add_argument("--top", type=int, default=25)
ap.add_argument("--thread", default=None)
ap.add_argument("--filter", default=None)
ap.add_argument("--depth", type=int, default=96)
ap.add_argument("--under", default=None, help="only samples whose stack holds a frame starting with this")
ap.add_argument("--callers", default=None, help="also count, for samples under this frame, the nearest caller frame starting with --filter")
a = ap.parse_args()

out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(a.depth), "--events", a.events, a.file],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
self_c, total_c, by_event = collections.Counter(), collections.Counter(), collections.Counter()
callers = collections.Counter()
n = 0
for e in events:
    v = e["values"]
    thread = (v.get("sampledThread") or {}).get("javaName") or ""
    if a.thread and a.thread not in thread:
        continue
    frames = (v.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    def name(f):
        m = f["method"]
        return m["type"]["name"] + "." + m["name"]
    if a.under and not any(name(f).startswith(a.under) for f in frames):
        continue
    n += 1
    by_event[e["type"]] += 1
    self_c[name(frames[0])] += 1
    if a.callers:
        names = [name(f) for f in frames]
        if a.callers in names:
            i = names.index(a.callers)
            up = [x for x in names[i + 1:] if a.filter is None or x.startswith(a.filter)]
            callers[" <- ".join(up[:3]) if up else "?"] += 1
    seen = set()
    for f in frames:
        nm = name(f)
        if nm in seen:
            continue
        seen.add(nm)
        if a.filter is None or nm.startswith(a.filter):
            total_c[nm] += 1
print(f"{n} samples {dict(by_event)}")
print("\n-- self --")
for k, c in self_c.most_common(a.top):
    print(f"{100*c/n:5.1f}%  {c:6d}  {k}")
print("\n-- total --")
for k, c in total_c.most_common(a.top):
    print(f"{100*c/n:5.1f}%  {c:6d}  {k}")
if a.callers:
    print(f"\n-- callers of {a.callers} --")
    for k, c in callers.most_common(a.top):
        print(f"{100*c/n:5.1f}%  {c:6d}  {k}")
