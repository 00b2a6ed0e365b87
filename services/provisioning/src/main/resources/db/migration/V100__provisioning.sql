-- Hosts placement may choose from (fed from hyperplane.host.events) and the memory reserved on each.
CREATE TABLE placement_host (
    host_id         VARCHAR(64) PRIMARY KEY,
    memory_mb       BIGINT      NOT NULL,
    root_reserve_mb BIGINT      NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL
);

-- One row per placed VM; written by the provisioning saga in its own transaction, so a replayed
-- saga event finds the reservation it already made instead of placing the VM twice.
CREATE TABLE placement_reservation (
    vm_id     VARCHAR(64) PRIMARY KEY,
    host_id   VARCHAR(64) NOT NULL REFERENCES placement_host (host_id),
    memory_mb BIGINT      NOT NULL
);
CREATE INDEX placement_reservation_host ON placement_reservation (host_id);

-- Read models, updated in the same transaction as the events (subscribing processor).
CREATE TABLE vm_view (
    vm_id              VARCHAR(64)  PRIMARY KEY,
    tenant_id          VARCHAR(64)  NOT NULL,
    name               VARCHAR(128) NOT NULL,
    vcpus              INT          NOT NULL,
    memory_mb          BIGINT       NOT NULL,
    guest_family       VARCHAR(16)  NOT NULL,
    guest_distribution VARCHAR(64)  NOT NULL,
    guest_version      VARCHAR(64)  NOT NULL,
    host_id            VARCHAR(64),
    state              VARCHAR(32)  NOT NULL,
    failure_reason     TEXT,
    version            BIGINT       NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX vm_view_tenant ON vm_view (tenant_id, vm_id);

CREATE TABLE operation (
    operation_id VARCHAR(64) PRIMARY KEY,
    vm_id        VARCHAR(64) NOT NULL,
    kind         VARCHAR(32) NOT NULL,
    state        VARCHAR(32) NOT NULL,
    progress     INT         NOT NULL,
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX operation_vm ON operation (vm_id);
