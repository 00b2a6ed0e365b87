-- What the VM's host reports it runs with (VmSettingsChangedOnHost): the memory balancer tunes within what
-- provisioning approved, but a change made on the host behind the control plane's back may exceed it. Quota
-- counts the larger of approved and reported, so nothing on a host escapes it.
ALTER TABLE vm_view ADD COLUMN host_vcpus INT;
ALTER TABLE vm_view ADD COLUMN host_memory_mb BIGINT;     -- startup memory
ALTER TABLE vm_view ADD COLUMN host_maximum_mb BIGINT;    -- Dynamic Memory maximum, null for static memory
ALTER TABLE vm_view ADD COLUMN host_size_sim_ms BIGINT;   -- the host's clock at the report: older ones are ignored
