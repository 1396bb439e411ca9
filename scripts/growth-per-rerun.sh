#!/usr/bin/env bash
# How much a database grows per unchanged re-run of a project: ingests a dbt target folder, then
# N copies of it that differ only in metadata.invocation_id (what an unchanged `dbt build` run again
# writes, give or take timings), and prints the file size after each ingest.
#
#   scripts/growth-per-rerun.sh ../shared/dbt-artifacts/tuva/manifest-v11_dbt-1.7.8_41072bf5 5
#   ONLY=manifest.json scripts/growth-per-rerun.sh ...   # re-run only these files
set -euo pipefail
src=${1:?usage: $0 TARGET_FOLDER [RERUNS] [JAR]}
reruns=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=${3:-$repo/cli/target/dbtlens.jar}
work=$(mktemp -d /tmp/dbtlens-growth.XXXXXX)
trap 'rm -rf "$work"' EXIT
db=$work/lens.duckdb
java -jar "$jar" ingest --db "$db" --env prod "$src" >/dev/null 2>&1
size0=$(stat -c %s "$db")
printf 'run %2d: %12d bytes\n' 0 "$size0"
prev=$size0
for i in $(seq 1 "$reruns"); do
  rm -rf "$work/run"; mkdir "$work/run"
  python3 - "$src" "$work/run" "$i" <<'PY'
import json, os, re, sys, uuid
src, out, i = sys.argv[1], sys.argv[2], int(sys.argv[3])
new = str(uuid.UUID(int=i))
for name in sorted(os.listdir(src)):
    only = os.environ.get('ONLY')
    if not name.endswith('.json') or (only and name not in only.split(',')):
        continue
    data = open(os.path.join(src, name), 'rb').read()
    old = json.loads(data)['metadata'].get('invocation_id')
    if old:
        data = data.replace(old.encode(), new.encode())
    open(os.path.join(out, name), 'wb').write(data)
PY
  java -jar "$jar" ingest --db "$db" --env prod "$work/run" >/dev/null 2>&1
  size=$(stat -c %s "$db")
  printf 'run %2d: %12d bytes  %+10d  (%+.1f%%)\n' "$i" "$size" $((size - prev)) \
    "$(python3 -c "print(100*($size-$prev)/$prev)")"
  prev=$size
done
java -jar "$jar" sql --db "$db" --format csv "PRAGMA database_size" 2>/dev/null
# what the data itself takes: prune keeps everything here, and compacts the file
java -jar "$jar" prune --db "$db" --keep-runs 1000000 2>/dev/null | tail -1
java -jar "$jar" sql --db "$db" --format csv "SELECT count(*) AS invocations FROM invocations" 2>/dev/null
ls -la "$work" | grep -v run
