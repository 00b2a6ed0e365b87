-- What the hosts report about each VM: Hyper-V power state, heartbeat and the guest's KVP information.
ALTER TABLE fleet_vm ADD COLUMN power_state VARCHAR(16);
ALTER TABLE fleet_vm ADD COLUMN heartbeat VARCHAR(24);
ALTER TABLE fleet_vm ADD COLUMN fqdn VARCHAR(255);
ALTER TABLE fleet_vm ADD COLUMN ipv4 VARCHAR(64);
ALTER TABLE fleet_vm ADD COLUMN ipv6 VARCHAR(64);
ALTER TABLE fleet_vm ADD COLUMN os_name VARCHAR(128);
ALTER TABLE fleet_vm ADD COLUMN os_version VARCHAR(128);
ALTER TABLE fleet_vm ADD COLUMN integration_services_version VARCHAR(128);
