-- Migrations as the API shows them, written in the migration's own events' transaction (subscribing processor).
CREATE TABLE migration_view (
    migration_id        VARCHAR(64)  PRIMARY KEY,
    vm_id               VARCHAR(64)  NOT NULL,
    source_host_id      VARCHAR(64),
    destination_host_id VARCHAR(64),
    target_host_id      VARCHAR(64),
    state               VARCHAR(16)  NOT NULL,
    policy              VARCHAR(64)  NOT NULL,
    mode                VARCHAR(16)  NOT NULL,
    cause               VARCHAR(16)  NOT NULL,
    requested_by        VARCHAR(255) NOT NULL,
    passes              INT          NOT NULL DEFAULT 0,
    allowed_downtime_ms BIGINT,
    downtime_ms         BIGINT,
    failure_reason      TEXT,
    requested_at        TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX migration_view_vm ON migration_view (vm_id, requested_at);
CREATE INDEX migration_view_requested ON migration_view (requested_at, migration_id);

-- Each finished pre-copy pass of a migration.
CREATE TABLE migration_pass (
    migration_id        VARCHAR(64) NOT NULL REFERENCES migration_view (migration_id),
    pass                INT         NOT NULL,
    sent_mb             BIGINT      NOT NULL,
    dirty_mb            BIGINT      NOT NULL,
    duration_ms         BIGINT      NOT NULL,
    allowed_downtime_ms BIGINT      NOT NULL,
    finished_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (migration_id, pass)
);

-- The VMs as provisioning announces them on hyperplane.vm.events: what a migration request is checked against.
CREATE TABLE migration_vm (
    vm_id      VARCHAR(64) PRIMARY KEY,
    tenant_id  VARCHAR(64) NOT NULL,
    memory_mb  BIGINT      NOT NULL,
    host_id    VARCHAR(64),
    state      VARCHAR(32) NOT NULL
);
