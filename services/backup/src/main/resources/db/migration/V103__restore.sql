-- What a restore as a new VM recreates: the VM's configuration as provisioning announced it, and as each restore
-- point captured it (a Hyper-V backup holds the VM's configuration with its disks).
ALTER TABLE backup_vm ADD COLUMN spec JSONB;
ALTER TABLE restore_point ADD COLUMN vm_name VARCHAR(200);
ALTER TABLE restore_point ADD COLUMN vm_spec JSONB;

-- Restores as their events set them (the Restore aggregate's projection).
CREATE TABLE restore (
    restore_id       VARCHAR(64)  PRIMARY KEY,
    restore_point_id VARCHAR(64)  NOT NULL,
    source_vm_id     VARCHAR(64)  NOT NULL,
    vm_id            VARCHAR(64)  NOT NULL,
    tenant_id        VARCHAR(64)  NOT NULL,
    mode             VARCHAR(16)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    requested_by     VARCHAR(200) NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    ended_at         TIMESTAMPTZ,
    reason           TEXT
);
CREATE INDEX restore_vm ON restore (vm_id, state);
CREATE INDEX restore_tenant ON restore (tenant_id, requested_at DESC);
