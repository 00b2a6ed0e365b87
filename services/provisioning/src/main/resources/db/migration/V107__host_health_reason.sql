-- Why inventory found a host not Ready, for the Unknown its VMs get from the silent-host sweep.
ALTER TABLE placement_host ADD COLUMN unhealthy_reason TEXT;
