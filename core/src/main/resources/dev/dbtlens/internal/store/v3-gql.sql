-- The GraphQL adapter's node table: one row per node of each environment's latest manifest (no
-- macros), with the definition's columns, the fields the Discovery API reads from a node's JSON as
-- columns, and the sort and filter measures of a page (last attempt's status, last success's
-- completion and execution time, catalog row count). Recomputed with the rest of an environment's
-- current state at the end of every ingest (CurrentState.refresh), so that a page reads the rows of
-- one table instead of joining every stored definition and parsing node JSON. The large columns
-- (raw code, compiled code, raw JSON) stay in store.node_def and store.compiled, joined by hash for
-- the rows of a page only. Created or replaced, then filled by the migration's Java step.
CREATE OR REPLACE TABLE store.gql_node (
  environment            VARCHAR NOT NULL,
  unique_id              VARCHAR NOT NULL,
  def_hash               VARCHAR NOT NULL,
  compiled_hash          VARCHAR,
  resource_type          VARCHAR NOT NULL,
  name                   VARCHAR,
  package_name           VARCHAR,
  database               VARCHAR,
  schema                 VARCHAR,
  alias                  VARCHAR,
  relation_name          VARCHAR,
  materialized           VARCHAR,
  tags                   VARCHAR[],
  meta                   JSON,
  description            VARCHAR USING COMPRESSION zstd,
  original_file_path     VARCHAR,
  patch_path             VARCHAR,
  owner                  VARCHAR,
  access                 VARCHAR,
  group_name             VARCHAR,
  version                VARCHAR,
  latest_version         VARCHAR,
  language               VARCHAR,
  config                 JSON USING COMPRESSION zstd,
  fqn                    VARCHAR[],
  depends_on_nodes       VARCHAR[],
  source_name            VARCHAR,
  loaded_at_field        VARCHAR,
  freshness              JSON,
  test_metadata          JSON,
  column_name            VARCHAR,
  tested_node            VARCHAR,
  contract_enforced      BOOLEAN,
  constraints            JSON,
  node_type              VARCHAR,
  maturity               VARCHAR,
  url                    VARCHAR,
  owner_email            VARCHAR,
  label                  VARCHAR,
  loader                 VARCHAR,
  source_description     VARCHAR,
  deprecation_date       VARCHAR,
  definition_json        JSON USING COMPRESSION zstd,
  modeling_layer         VARCHAR,
  test_type              VARCHAR,
  last_run_status        VARCHAR,
  success_completed_at   TIMESTAMP,
  success_execution_time DOUBLE,
  catalog_row_count      DOUBLE
);

-- The direct edges of each environment's latest manifest (the edges view, materialised).
CREATE OR REPLACE TABLE store.gql_edge (
  environment VARCHAR NOT NULL,
  parent_id   VARCHAR NOT NULL,
  child_id    VARCHAR NOT NULL
);

-- The last known catalog entry of each node of the latest manifest, one row per warehouse column
-- (one row with NULL column fields for an entry without columns), with the column's YAML
-- description, tags and meta from the node's current definition (matched case-insensitively).
CREATE OR REPLACE TABLE store.gql_catalog (
  environment          VARCHAR NOT NULL,
  unique_id            VARCHAR NOT NULL,
  database             VARCHAR,
  schema               VARCHAR,
  name                 VARCHAR,
  table_type           VARCHAR,
  comment              VARCHAR,
  owner                VARCHAR,
  row_count            DOUBLE,
  bytes                DOUBLE,
  stats                JSON,
  catalog_generated_at TIMESTAMP,
  column_name          VARCHAR,
  column_index         INTEGER,
  data_type            VARCHAR,
  column_comment       VARCHAR,
  column_description   VARCHAR,
  column_tags          VARCHAR[],
  column_meta          JSON
);
