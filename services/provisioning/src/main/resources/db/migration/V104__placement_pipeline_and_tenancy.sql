-- Placement filters on logical processors and anti-affinity groups (tenant/group of each placed VM).
ALTER TABLE placement_host ADD COLUMN logical_processors INT NOT NULL DEFAULT 1;
ALTER TABLE placement_reservation ADD COLUMN tenant_id VARCHAR(64);
ALTER TABLE placement_reservation ADD COLUMN anti_affinity_group VARCHAR(64);

-- Lifecycle operations: who asked, and the VM's anti-affinity group.
ALTER TABLE operation ADD COLUMN requested_by VARCHAR(255);
ALTER TABLE vm_view ADD COLUMN anti_affinity_group VARCHAR(64);
ALTER TABLE vm_view ADD COLUMN memory_plan_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE vm_view ADD COLUMN memory_minimum_mb BIGINT;
ALTER TABLE vm_view ADD COLUMN memory_maximum_mb BIGINT;
-- A resize in flight counts against the quota with its larger size until it ends.
ALTER TABLE vm_view ADD COLUMN pending_vcpus INT;
ALTER TABLE vm_view ADD COLUMN pending_memory_mb BIGINT;

-- Tenants' limits; a tenant without a row has the configured default quota.
CREATE TABLE tenant_quota (
    tenant_id     VARCHAR(64) PRIMARY KEY,
    max_vcpus     INT         NOT NULL,
    max_memory_mb BIGINT      NOT NULL,
    max_vms       INT         NOT NULL,
    updated_by    VARCHAR(255) NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
