-- A host's engine at one moment (the engine's own serialization, its seeded randomness included) with the
-- agent's bookkeeping then. A restart restores it and replays only the commands logged after it, so restart
-- time no longer grows with uptime. One per host, replaced as the host runs on.
CREATE TABLE engine_snapshot (
    host_id     VARCHAR(64) PRIMARY KEY REFERENCES host (host_id),
    command_seq BIGINT      NOT NULL, -- the last engine_command row it includes
    sim_time_ms BIGINT      NOT NULL,
    event_seq   BIGINT      NOT NULL, -- events the host had numbered
    waiting     TEXT        NOT NULL, -- commands waiting for their VM (JSON)
    engine      BYTEA       NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- log rows a snapshot includes are pruned once older than the messaging retention
ALTER TABLE engine_command ADD COLUMN logged_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX engine_command_logged_at ON engine_command (logged_at);
