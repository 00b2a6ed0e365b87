-- The agent now runs the simulated Hyper-V engine. The engine is deterministic, so its state is the replay of
-- the commands it accepted, each at its simulated time, from the host's seed; the vm table is replaced by it.
DROP TABLE vm;

ALTER TABLE host ADD COLUMN seed BIGINT NOT NULL DEFAULT 0;
-- how far the host's simulated clock has run; a restarted agent replays up to here and goes on
ALTER TABLE host ADD COLUMN sim_time_ms BIGINT NOT NULL DEFAULT 0;
-- engine events are numbered per host; those up to here were acknowledged by Kafka
ALTER TABLE host ADD COLUMN published_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE engine_command (
    seq         BIGSERIAL    PRIMARY KEY,
    host_id     VARCHAR(64)  NOT NULL REFERENCES host (host_id),
    sim_time_ms BIGINT       NOT NULL,
    command     TEXT         NOT NULL
);
CREATE INDEX engine_command_host ON engine_command (host_id, seq);
