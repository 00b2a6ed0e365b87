-- Placement must know each host's Windows Server version: some guest features need a WS2016+ host.
ALTER TABLE placement_host ADD COLUMN windows_server_version VARCHAR(32) NOT NULL DEFAULT '2012 R2';
