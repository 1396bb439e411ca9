-- dbtlens storage, schema version 1. Internal tables live in schema "store"; the public, documented
-- interface is the set of views in views.sql (docs/sql.md). All timestamps are UTC.
CREATE SCHEMA IF NOT EXISTS store;

CREATE TABLE store.meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

-- One row per artifact file ingested into an environment. Idempotency key: (environment, file_sha256).
CREATE TABLE store.artifact (
  environment           VARCHAR NOT NULL,
  invocation_id         VARCHAR NOT NULL,
  kind                  VARCHAR NOT NULL,   -- manifest | run_results | sources | catalog | semantic_manifest
  schema_version        VARCHAR,            -- e.g. manifest/v12
  dbt_version           VARCHAR,
  generated_at          TIMESTAMP,
  invocation_started_at TIMESTAMP,
  elapsed_time          DOUBLE,
  command               VARCHAR,
  job                   VARCHAR,
  project_name          VARCHAR,
  project_id            VARCHAR,
  adapter_type          VARCHAR,
  args                  JSON,
  selectors             JSON,
  snapshot_id           VARCHAR,            -- manifest and catalog: the content set they point to
  row_count             BIGINT,
  file_path             VARCHAR NOT NULL,
  file_size             BIGINT NOT NULL,
  file_sha256           VARCHAR NOT NULL,
  ingested_at           TIMESTAMP NOT NULL,
  PRIMARY KEY (environment, file_sha256)
);

-- Node and macro definitions, one row per distinct content (def_hash), shared by every manifest and
-- environment that contains it. Volatile fields (created_at, compiled code, build paths) are not
-- part of the hash; compiled code is stored apart in store.compiled.
CREATE TABLE store.node_def (
  def_hash           VARCHAR NOT NULL,
  unique_id          VARCHAR NOT NULL,
  resource_type      VARCHAR NOT NULL,
  name               VARCHAR,
  package_name       VARCHAR,
  database           VARCHAR,
  schema             VARCHAR,
  alias              VARCHAR,
  relation_name      VARCHAR,
  materialized       VARCHAR,
  tags               VARCHAR[],
  meta               JSON,
  description        VARCHAR USING COMPRESSION zstd,
  original_file_path VARCHAR,
  path               VARCHAR,
  patch_path         VARCHAR,
  owner              VARCHAR,
  access             VARCHAR,
  group_name         VARCHAR,
  version            VARCHAR,
  latest_version     VARCHAR,
  language           VARCHAR,
  checksum           VARCHAR,
  raw_code           VARCHAR USING COMPRESSION zstd,
  config             JSON USING COMPRESSION zstd,
  fqn                VARCHAR[],
  depends_on_nodes   VARCHAR[],
  depends_on_macros  VARCHAR[],
  source_name        VARCHAR,
  loaded_at_field    VARCHAR,
  freshness          JSON,
  test_metadata      JSON,
  column_name        VARCHAR,
  attached_node      VARCHAR,
  contract_enforced  BOOLEAN,
  constraints        JSON,
  raw_json           JSON USING COMPRESSION zstd
);

-- Columns declared in YAML, per definition.
CREATE TABLE store.def_column (
  def_hash     VARCHAR NOT NULL,
  column_name  VARCHAR NOT NULL,
  column_index INTEGER NOT NULL,
  data_type    VARCHAR,
  description  VARCHAR,
  meta         JSON,
  tags         VARCHAR[],
  constraints  JSON
);

CREATE TABLE store.compiled (compiled_hash VARCHAR NOT NULL, compiled_code VARCHAR NOT NULL USING COMPRESSION zstd);

-- A snapshot is the content of one manifest (nodes + edges) or one catalog (entries), identified by
-- an order-independent hash of its members: ingesting unchanged content adds no rows here.
CREATE TABLE store.snapshot (snapshot_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, members BIGINT, edges BIGINT);
CREATE TABLE store.snapshot_member (snapshot_id VARCHAR NOT NULL, unique_id VARCHAR NOT NULL, def_hash VARCHAR NOT NULL, compiled_hash VARCHAR);
CREATE TABLE store.snapshot_edge (snapshot_id VARCHAR NOT NULL, parent_id VARCHAR NOT NULL, child_id VARCHAR NOT NULL);

-- Catalog entries (a table or view as the warehouse described it), by content.
CREATE TABLE store.catalog_entry (
  entry_hash  VARCHAR NOT NULL,
  unique_id   VARCHAR NOT NULL,
  entry_kind  VARCHAR NOT NULL,   -- node | source
  database    VARCHAR,
  schema      VARCHAR,
  name        VARCHAR,
  table_type  VARCHAR,
  comment     VARCHAR,
  owner       VARCHAR,
  row_count   DOUBLE,
  bytes       DOUBLE,
  stats       JSON
);
CREATE TABLE store.catalog_column (
  entry_hash   VARCHAR NOT NULL,
  column_name  VARCHAR NOT NULL,
  column_index INTEGER,
  data_type    VARCHAR,
  comment      VARCHAR
);

-- Staging for the manifest or catalog being ingested (emptied after each file, inside its transaction).
CREATE TABLE store.stage_member (unique_id VARCHAR, def_hash VARCHAR, compiled_hash VARCHAR);
CREATE TABLE store.stage_edge (parent_id VARCHAR, child_id VARCHAR);
CREATE TABLE store.stage_def AS FROM store.node_def LIMIT 0;
CREATE TABLE store.stage_def_column AS FROM store.def_column LIMIT 0;
CREATE TABLE store.stage_compiled AS FROM store.compiled LIMIT 0;
CREATE TABLE store.stage_catalog_entry AS FROM store.catalog_entry LIMIT 0;
CREATE TABLE store.stage_catalog_column AS FROM store.catalog_column LIMIT 0;

-- The current state of each environment, recomputed at the end of every ingest into it so that
-- the public views read it directly: the manifest with the latest generated_at, its nodes with the
-- last known compiled code of the same definition, and the last known catalog entry of each node.
CREATE TABLE store.current_manifest (environment VARCHAR PRIMARY KEY, invocation_id VARCHAR NOT NULL,
  snapshot_id VARCHAR NOT NULL, generated_at TIMESTAMP);
CREATE TABLE store.current_node (environment VARCHAR NOT NULL, unique_id VARCHAR NOT NULL,
  def_hash VARCHAR NOT NULL, compiled_hash VARCHAR);
CREATE TABLE store.current_catalog (environment VARCHAR NOT NULL, unique_id VARCHAR NOT NULL,
  entry_hash VARCHAR NOT NULL, catalog_generated_at TIMESTAMP);

-- Every run result ever ingested.
CREATE TABLE store.run_result (
  environment          VARCHAR NOT NULL,
  invocation_id        VARCHAR NOT NULL,
  result_index         INTEGER NOT NULL,
  unique_id            VARCHAR NOT NULL,
  status               VARCHAR NOT NULL,
  status_raw           VARCHAR NOT NULL,
  execution_time       DOUBLE,
  thread_id            VARCHAR,
  compile_started_at   TIMESTAMP,
  compile_completed_at TIMESTAMP,
  execute_started_at   TIMESTAMP,
  execute_completed_at TIMESTAMP,
  rows_affected        BIGINT,
  failures             BIGINT,
  message              VARCHAR,
  adapter_response     JSON,
  batch_results        JSON,
  relation_name        VARCHAR,
  generated_at         TIMESTAMP
);

-- Every source freshness result ever ingested.
CREATE TABLE store.freshness_result (
  environment                 VARCHAR NOT NULL,
  invocation_id               VARCHAR NOT NULL,
  result_index                INTEGER NOT NULL,
  unique_id                   VARCHAR NOT NULL,
  status                      VARCHAR NOT NULL,
  status_raw                  VARCHAR NOT NULL,
  max_loaded_at               TIMESTAMP,
  snapshotted_at              TIMESTAMP,
  max_loaded_at_time_ago_in_s DOUBLE,
  warn_after_count            INTEGER,
  warn_after_period           VARCHAR,
  error_after_count           INTEGER,
  error_after_period          VARCHAR,
  filter                      VARCHAR,
  error                       VARCHAR,
  execution_time              DOUBLE,
  thread_id                   VARCHAR,
  adapter_response            JSON,
  generated_at                TIMESTAMP
);

-- semantic_manifest.json entities (semantic models, metrics, saved queries), per artifact.
CREATE TABLE store.semantic_entity (
  environment   VARCHAR NOT NULL,
  invocation_id VARCHAR NOT NULL,
  entity_type   VARCHAR NOT NULL,
  name          VARCHAR,
  raw_json      JSON
);
