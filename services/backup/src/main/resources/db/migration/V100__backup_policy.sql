-- Backup policies as their events set them (the BackupPolicy aggregate's projection), and which VMs they govern.
CREATE TABLE backup_policy (
    policy_id           VARCHAR(140) PRIMARY KEY,
    tenant_id           VARCHAR(64),
    name                VARCHAR(64)  NOT NULL,
    schedule            VARCHAR(120) NOT NULL,
    time_zone           VARCHAR(64)  NOT NULL,
    window_minutes      INT          NOT NULL,
    consistency         VARCHAR(16)  NOT NULL,
    keep_last           INT          NOT NULL,
    keep_hourly         INT          NOT NULL,
    keep_daily          INT          NOT NULL,
    keep_weekly         INT          NOT NULL,
    keep_monthly        INT          NOT NULL,
    keep_yearly         INT          NOT NULL,
    version             BIGINT       NOT NULL,
    set_by              VARCHAR(200) NOT NULL,
    set_at              TIMESTAMPTZ  NOT NULL,
    -- the latest policy made a default wins (set_at of its assignments)
    tenant_default_at   TIMESTAMPTZ,
    fleet_default_at    TIMESTAMPTZ,
    assignments_version BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX backup_policy_tenant ON backup_policy (tenant_id, name);

-- A VM named by a policy: the latest assignment wins.
CREATE TABLE backup_policy_vm (
    vm_id     VARCHAR(64)  PRIMARY KEY,
    policy_id VARCHAR(140) NOT NULL
);
CREATE INDEX backup_policy_vm_policy ON backup_policy_vm (policy_id);

-- The VMs as provisioning announces them: whose, where, and what guest (what a backup's consistency depends on).
CREATE TABLE backup_vm (
    vm_id              VARCHAR(64) PRIMARY KEY,
    tenant_id          VARCHAR(64) NOT NULL,
    name               VARCHAR(200) NOT NULL,
    host_id            VARCHAR(64),
    state              VARCHAR(32) NOT NULL,
    guest_family       VARCHAR(16) NOT NULL,
    guest_distribution VARCHAR(64),
    guest_version      VARCHAR(64)
);
CREATE INDEX backup_vm_tenant ON backup_vm (tenant_id);
