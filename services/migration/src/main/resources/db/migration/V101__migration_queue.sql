-- Migrations wait in a queue (state 'queued') ordered by request time; how each VM may be moved (live, quick,
-- none), as provisioning announces it.
ALTER TABLE migration_vm ADD COLUMN migration_mode VARCHAR(8) NOT NULL DEFAULT 'live';
ALTER TABLE migration_view ADD COLUMN started_at TIMESTAMPTZ;
CREATE INDEX migration_view_state ON migration_view (state, requested_at);
