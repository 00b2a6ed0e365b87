-- A VM being moved holds memory on its destination too, until the move ends: on success the reservation moves
-- there, otherwise this row is dropped. One move per VM at a time.
CREATE TABLE placement_move (
    vm_id               VARCHAR(64) PRIMARY KEY,
    migration_id        VARCHAR(64) NOT NULL,
    host_id             VARCHAR(64) NOT NULL REFERENCES placement_host (host_id),
    memory_mb           BIGINT      NOT NULL,
    tenant_id           VARCHAR(64),
    anti_affinity_group VARCHAR(64)
);
CREATE INDEX placement_move_host ON placement_move (host_id);
