-- What the shared placement rules (services/placement) need to choose a destination for a rebalance: the host's
-- Windows Server version and logical processors; the VM's vCPUs, Secure Boot and anti-affinity group.
-- Rows from before this migration have no host facts until their host registers again: such a host counts as
-- older than WS2016 and its processor count as unknown (see FleetMemory).
ALTER TABLE mb_host ADD COLUMN windows_server_version TEXT, ADD COLUMN logical_processors INT;
ALTER TABLE mb_vm ADD COLUMN vcpus INT NOT NULL DEFAULT 1, ADD COLUMN secure_boot BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN anti_affinity_group TEXT;
