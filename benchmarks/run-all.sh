#!/usr/bin/env bash
# run-all.sh: the full benchmark run, as recorded in benchmarks/README.md. Builds, then runs every
# benchmark with its annotated settings (or the JMH options given as arguments) and keeps, under
# benchmarks/results/, the JSON results and a log named after the date and the commit measured:
#   benchmarks/results/YYYY-MM-DD-<short sha>.json   JMH's JSON results
#   benchmarks/results/YYYY-MM-DD-<short sha>.txt    machine, commit, working-tree state, JMH's output
# Usage (from anywhere): benchmarks/run-all.sh [JMH OPTIONS...]   e.g. benchmarks/run-all.sh LineageBenchmark
# Inputs are generated on first use into ${TMPDIR:-/tmp}/dbtlens-bench (override with
# -jvmArgsAppend -Ddbtlens.bench.data=DIR) and reused by later runs; the first run spends about ten
# minutes generating and ingesting them, outside the measurements.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -B install -DskipTests
fi
SHA=$(git rev-parse --short HEAD)
NAME=benchmarks/results/$(date -u +%F)-$SHA
mkdir -p benchmarks/results
{
  echo "commit: $(git rev-parse HEAD)"
  echo "working tree: $(git status --short | wc -l) changed or untracked paths (git status --short)"
  git status --short | sed 's/^/  /'
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores; $(free -g | awk '/Mem:/ { print $2 }') GB RAM; $(uname -srm)"
  java -version 2>&1 | sed 's/^/java: /'
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
  echo "command: java -jar benchmarks/target/benchmarks.jar -rf json -rff $NAME.json $*"
  echo
} > "$NAME.txt"
java -jar benchmarks/target/benchmarks.jar -rf json -rff "$NAME.json" "$@" 2>&1 | tee -a "$NAME.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$NAME.txt"
echo "results: $NAME.json, log: $NAME.txt"
