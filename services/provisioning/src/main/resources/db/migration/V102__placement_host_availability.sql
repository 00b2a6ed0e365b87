-- Unreachable hosts and hosts in maintenance get no new VMs.
ALTER TABLE placement_host ADD COLUMN healthy BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE placement_host ADD COLUMN in_maintenance BOOLEAN NOT NULL DEFAULT FALSE;
