-- What the hosts report beyond power state and KVP: VMBus, integration services and the guest's effective LIS
-- capabilities (JSON text, read whole), Dynamic Memory settings; crash dumps and hot-add failures as lists; and the
-- latest memory sample of each host's VMs (telemetry, at most one write per host per sample interval).
ALTER TABLE fleet_vm ADD COLUMN vmbus_version VARCHAR(16);
ALTER TABLE fleet_vm ADD COLUMN vmbus_channels TEXT;
ALTER TABLE fleet_vm ADD COLUMN integration_services TEXT;
ALTER TABLE fleet_vm ADD COLUMN lis_supported TEXT;
ALTER TABLE fleet_vm ADD COLUMN lis_unsupported TEXT;
ALTER TABLE fleet_vm ADD COLUMN dynamic_memory BOOLEAN;
ALTER TABLE fleet_vm ADD COLUMN memory_minimum_mb BIGINT;
ALTER TABLE fleet_vm ADD COLUMN memory_maximum_mb BIGINT;

CREATE TABLE crash_dump (
    event_id    VARCHAR(200) PRIMARY KEY,
    vm_id       VARCHAR(64)  NOT NULL,
    host_id     VARCHAR(64)  NOT NULL,
    captured    BOOLEAN      NOT NULL,
    dump_mb     BIGINT       NOT NULL,
    reason      TEXT,
    sim_time_ms BIGINT       NOT NULL,
    reported_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX crash_dump_vm ON crash_dump (vm_id, reported_at);

CREATE TABLE hot_add_failure (
    event_id    VARCHAR(200) PRIMARY KEY,
    vm_id       VARCHAR(64)  NOT NULL,
    host_id     VARCHAR(64)  NOT NULL,
    permanent   BOOLEAN      NOT NULL,
    reason      TEXT         NOT NULL,
    sim_time_ms BIGINT       NOT NULL,
    reported_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX hot_add_failure_vm ON hot_add_failure (vm_id, reported_at);

CREATE TABLE host_memory (
    host_id     VARCHAR(64) PRIMARY KEY,
    sim_time_ms BIGINT      NOT NULL,
    free_mb     BIGINT      NOT NULL,
    vms         TEXT        NOT NULL,
    sampled_at  TIMESTAMPTZ NOT NULL
);
