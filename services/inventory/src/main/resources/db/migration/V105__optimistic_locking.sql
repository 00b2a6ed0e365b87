-- With several inventory replicas, a VM's events (keyed by VM) and its host's reports (keyed by host) can be
-- handled by two replicas at once; Hibernate writes whole rows, so the later commit silently undid the other's
-- change (a VM shown Placed while provisioning had it Running). A version column makes the later writer fail
-- and handle its record again on the fresh row.
ALTER TABLE fleet_vm ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE host_view ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
