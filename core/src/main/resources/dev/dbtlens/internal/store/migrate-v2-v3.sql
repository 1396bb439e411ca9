-- Schema version 3: the tables of insights, column lineage, live runs and pruning. Each capability
-- creates its own tables in a script of its own (Store.V3_PARTS), run after this one in the same
-- transaction; this script only records the version.
UPDATE store.meta SET value = '3' WHERE key = 'schema_version';
