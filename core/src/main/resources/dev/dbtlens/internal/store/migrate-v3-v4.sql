-- Schema version 4: each member of a manifest snapshot keeps the source key of its entry (128 bits of
-- SHA-256 of the entry's bytes as dbt wrote them, but for the fields that change on every parse), so
-- that a re-run of an unchanged project recognises its entries without parsing them. Members stored
-- before have none; the next ingest of their manifest gives them theirs.
ALTER TABLE store.snapshot_member ADD COLUMN source_key_hi BIGINT;
ALTER TABLE store.snapshot_member ADD COLUMN source_key_lo BIGINT;
ALTER TABLE store.stage_member ADD COLUMN source_key_hi BIGINT;
ALTER TABLE store.stage_member ADD COLUMN source_key_lo BIGINT;
UPDATE store.meta SET value = '4' WHERE key = 'schema_version';
