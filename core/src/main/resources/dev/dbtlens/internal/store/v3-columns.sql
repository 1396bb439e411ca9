-- Column-level lineage (docs/column-lineage.md). Computed after each ingest for the environment's
-- current manifest, stored once per content: lineage_key hashes a node's unique id, compiled code
-- and everything it was resolved against (each parent's relation name, catalog and documented
-- columns, recursively), so unchanged models are never parsed again.
CREATE TABLE store.column_model (
  lineage_key    VARCHAR PRIMARY KEY,
  unique_id      VARCHAR NOT NULL,
  error_category VARCHAR,            -- parse_error | unsupported_statement | null
  error          VARCHAR,
  column_count   INTEGER NOT NULL,
  columns_complete BOOLEAN NOT NULL   -- false when a select * could not be expanded
);
-- One row per (output column, parent column); a column without parents has one row with parent_id null.
CREATE TABLE store.column_edge (
  lineage_key         VARCHAR NOT NULL,
  column_name         VARCHAR NOT NULL,
  column_index        INTEGER NOT NULL,
  transformation_type VARCHAR NOT NULL, -- passthrough | renamed | transformed
  expression          VARCHAR,
  parent_id           VARCHAR,          -- a unique id, or '?relation' for a relation no node has
  parent_column       VARCHAR,
  error_category      VARCHAR,          -- unknown_relation | ambiguous_column | unknown_column | null
  error               VARCHAR
);
-- Parent columns a node uses only to filter, join or group.
CREATE TABLE store.column_filter (
  lineage_key   VARCHAR NOT NULL,
  parent_id     VARCHAR NOT NULL,
  parent_column VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL       -- filter | join | group_by
);
-- The lineage in force per environment (its current manifest and catalog).
CREATE TABLE store.column_current (
  environment VARCHAR NOT NULL,
  unique_id   VARCHAR NOT NULL,
  lineage_key VARCHAR NOT NULL
);
-- What each environment's column lineage was computed from (its manifest snapshot and a digest of
-- its current catalog): an ingest that changes neither (run results, sources) skips the step.
CREATE TABLE store.column_state (
  environment VARCHAR PRIMARY KEY,
  marker      VARCHAR NOT NULL
);
