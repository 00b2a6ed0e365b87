-- Backups as their events set them (the BackupJob aggregate's projection), and the restore points they made.
CREATE TABLE backup_job (
    backup_id    VARCHAR(64)  PRIMARY KEY,
    vm_id        VARCHAR(64)  NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    policy_id    VARCHAR(140),
    trigger      VARCHAR(16)  NOT NULL,
    consistency_wanted VARCHAR(16) NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    host_id      VARCHAR(64),
    scheduled_for TIMESTAMPTZ,
    start_by     TIMESTAMPTZ  NOT NULL,
    requested_by VARCHAR(200) NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    started_at   TIMESTAMPTZ,
    ended_at     TIMESTAMPTZ,
    reason       TEXT
);
CREATE INDEX backup_job_queue ON backup_job (state, requested_at, backup_id);
CREATE INDEX backup_job_vm ON backup_job (vm_id, requested_at DESC);

CREATE TABLE restore_point (
    restore_point_id VARCHAR(64)  PRIMARY KEY,
    vm_id            VARCHAR(64)  NOT NULL,
    tenant_id        VARCHAR(64)  NOT NULL,
    host_id          VARCHAR(64)  NOT NULL,
    taken_at         TIMESTAMPTZ  NOT NULL,
    consistency      VARCHAR(16)  NOT NULL,
    reason           TEXT         NOT NULL,
    full_backup      BOOLEAN      NOT NULL,
    based_on         VARCHAR(64),
    size_mb          BIGINT       NOT NULL,
    allocated_mb     BIGINT       NOT NULL,
    freeze_ms        BIGINT       NOT NULL,
    duration_ms      BIGINT       NOT NULL,
    protected        BOOLEAN      NOT NULL DEFAULT false,
    disks            JSONB        NOT NULL
);
CREATE INDEX restore_point_vm ON restore_point (vm_id, taken_at DESC);
CREATE INDEX restore_point_tenant ON restore_point (tenant_id, taken_at DESC);
