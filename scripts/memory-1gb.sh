#!/usr/bin/env bash
# memory-1gb.sh: ingest a generated manifest of about 1.2 GB (100,000 models) with the dbtlens
# command line under -Xmx256m, and read the same file with Python's json.load (what any Python tool
# must do at least), each under GNU time; print wall time and peak RSS of both.
#
# Usage (from anywhere):
#   scripts/memory-1gb.sh [MODELS]          # MODELS defaults to 100000 (a 1.21 GB manifest.json)
# Environment:
#   DATA_DIR    where the generated project is kept and reused (default: ${TMPDIR:-/tmp}/dbtlens-bench,
#               the same folder and name the JMH benchmarks use)
#   XMX         the ingest's heap limit (default 256m)
#   SKIP_BUILD  set to 1 to use the cli/target/dbtlens.jar already built
#   SKIP_PYTHON set to 1 to leave out the json.load comparison
#   PROPOSED    DuckDB settings for a third run, separated by ';' (e.g. "memory_limit='1GB';threads=1"):
#               the same ingest through the public API (benchmarks.jar's IngestProbe) after SET-ting them
#               on the database instance, to try settings other than the defaults dbtlens opens
#               databases with (memory_limit 512MB, one thread while ingesting); empty (the default) to leave
#               that run out
#   JFR         set to 1 to record the ingest with Java Flight Recorder (settings=profile) into
#               $DATA_DIR/memory-1gb-ingest.jfr, e.g. for benchmarks/scripts/jfr-top.py
#
# Needs Java 17, Maven, python3 and GNU time as /usr/bin/time (Debian: apt-get install -y time;
# the shell's builtin `time` does not report memory).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODELS=${1:-100000}
DATA=${DATA_DIR:-${TMPDIR:-/tmp}/dbtlens-bench}
XMX=${XMX:-256m}
JAR=$ROOT/cli/target/dbtlens.jar
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
PROPOSED=${PROPOSED-}
PROJECT=$DATA/project-m$MODELS-i1-s7
MANIFEST=$PROJECT/001-build/manifest.json
WORK=$DATA/memory-1gb-work

if [[ ! -x /usr/bin/time ]]; then
  echo "memory-1gb.sh: /usr/bin/time (GNU time) is missing; on Debian: apt-get install -y time" >&2
  exit 1
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building (mvn -q -B install -DskipTests)"
  (cd "$ROOT" && mvn -q -B install -DskipTests)
fi

mkdir -p "$DATA"
if [[ ! -f "$MANIFEST" ]]; then
  echo "== generating $MODELS models, 1 invocation, seed 7 into $PROJECT"
  rm -rf "$PROJECT.partial"
  java -jar "$JAR" generate --models "$MODELS" --invocations 1 --seed 7 --out "$PROJECT.partial"
  mv "$PROJECT.partial" "$PROJECT"
else
  echo "== reusing $PROJECT"
fi
SIZE=$(stat -c %s "$MANIFEST")
echo "manifest: $MANIFEST ($SIZE bytes)"

# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:23.45" -> seconds
wall_seconds() {
  sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }'
}
max_rss_mb() {
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.0f", $1 / 1024 }'
}

rm -rf "$WORK" && mkdir -p "$WORK"
JAVA_OPTS=(-Xmx"$XMX" -Xlog:gc:file="$WORK/gc.log")
if [[ "${JFR:-0}" == 1 ]]; then
  JAVA_OPTS+=(-XX:StartFlightRecording=filename="$DATA/memory-1gb-ingest.jfr",settings=profile)
fi

echo "== dbtlens ingest with -Xmx$XMX"
set +e
/usr/bin/time -v -o "$WORK/ingest.time" java "${JAVA_OPTS[@]}" -jar "$JAR" ingest \
  --db "$WORK/lens.duckdb" --env bench "$MANIFEST" > "$WORK/ingest.out" 2>&1
INGEST_RC=$?
set -e
tail -n 5 "$WORK/ingest.out"
HEAP_MAX=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1 || true)
DB_SIZE=$(du -sb "$WORK"/lens.duckdb* 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }' || true)

PROBE_RC=skipped
if [[ -n "$PROPOSED" ]]; then
  echo "== the same ingest with DuckDB settings: $PROPOSED"
  PROBE_ARGS=()
  IFS=';' read -ra SETTINGS <<< "$PROPOSED"
  for s in "${SETTINGS[@]}"; do PROBE_ARGS+=(--set "$s"); done
  set +e
  /usr/bin/time -v -o "$WORK/proposed.time" java -Xmx"$XMX" -cp "$BENCH_JAR" dev.dbtlens.benchmarks.IngestProbe \
    --db "$WORK/proposed.duckdb" "${PROBE_ARGS[@]}" "$MANIFEST" > "$WORK/proposed.out" 2>&1
  PROBE_RC=$?
  set -e
  tail -n 3 "$WORK/proposed.out"
fi

PY_RC=skipped
if [[ "${SKIP_PYTHON:-0}" != 1 ]]; then
  echo "== python3 json.load of the same file"
  set +e
  /usr/bin/time -v -o "$WORK/python.time" python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' \
    "$MANIFEST" > "$WORK/python.out" 2>&1
  PY_RC=$?
  set -e
fi

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB; $(java -version 2>&1 | head -1); $(python3 --version)"
echo "manifest: $((SIZE / 1000000)) MB, $MODELS models"
printf '%-50s %8s %12s %s\n' "run" "wall s" "max RSS MB" "exit"
printf '%-50s %8s %12s %s\n' "dbtlens ingest -Xmx$XMX" "$(wall_seconds "$WORK/ingest.time")" \
  "$(max_rss_mb "$WORK/ingest.time")" "$INGEST_RC"
if [[ "$PROBE_RC" != skipped ]]; then
  printf '%-50s %8s %12s %s\n' "same, with $PROPOSED" "$(wall_seconds "$WORK/proposed.time")" \
    "$(max_rss_mb "$WORK/proposed.time")" "$PROBE_RC"
fi
if [[ "$PY_RC" != skipped ]]; then
  printf '%-50s %8s %12s %s\n' "python3 json.load" "$(wall_seconds "$WORK/python.time")" \
    "$(max_rss_mb "$WORK/python.time")" "$PY_RC"
fi
echo "dbtlens: Java heap peak after GC ${HEAP_MAX:-?} MB (gc log: $WORK/gc.log); database ${DB_SIZE} MB"
echo "full /usr/bin/time -v reports: $WORK/*.time"
exit "$INGEST_RC"
