-- A host HA quarantined (it failed too often within the window) takes no new VM, and no VM moves onto it, until
-- the quarantine ends or an operator clears it.
ALTER TABLE placement_host ADD COLUMN quarantined BOOLEAN NOT NULL DEFAULT false;
