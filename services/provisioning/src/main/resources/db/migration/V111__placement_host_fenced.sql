-- A host HA fenced (powered off through its management controller, or confirmed off by an operator) takes no new
-- VM, even once it is powered on and reports again, until an operator clears it.
ALTER TABLE placement_host ADD COLUMN fenced BOOLEAN NOT NULL DEFAULT false;
