#!/usr/bin/env bash
# Writes testdata/migration/v<N>-shop.duckdb.gz: the bundled sample (testdata/sample/shop) ingested into
# environment 'prod' by the code of an earlier commit, for MigrationTest (core) to open with the
# current code and upgrade in place.
#
#   scripts/make-migration-database.sh d9121f9 2    # schema v2, the release before schema v3
#
# The earlier commit is checked out into a temporary worktree outside /work/wt-* and built there
# (Maven offline, -am, nothing installed); the worktree is removed afterwards.
set -euo pipefail
commit=${1:?usage: $0 COMMIT SCHEMA_VERSION}
version=${2:?usage: $0 COMMIT SCHEMA_VERSION}
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/dbtlens-prev.XXXXXX)
trap 'git -C "$repo" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$repo" worktree add --detach "$tmp/src" "$commit" >/dev/null
(cd "$tmp/src" && mvn -B -o -q package -pl cli -am -DskipTests)
# ids from the process environment would make the file depend on the machine that wrote it
env -u DBT_CLOUD_ENVIRONMENT_ID -u DBT_CLOUD_JOB_ID -u DBT_JOB_ID -u DBT_CLOUD_RUN_ID -u DBT_JOB_RUN_ID \
  java -jar "$tmp/src/cli/target/dbtlens.jar" ingest --db "$tmp/v$version.duckdb" --env prod \
  "$repo/testdata/sample/shop"
found=$(java -jar "$tmp/src/cli/target/dbtlens.jar" sql --db "$tmp/v$version.duckdb" --format csv \
  "SELECT value FROM dbtlens_info WHERE key = 'schema_version'" 2>/dev/null | tail -1 || true)
echo "schema_version in the file: ${found:-?} (expected $version)"
gzip -9 -n -c "$tmp/v$version.duckdb" > "$repo/testdata/migration/v$version-shop.duckdb.gz"
ls -l "$repo/testdata/migration/v$version-shop.duckdb.gz"
