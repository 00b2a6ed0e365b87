-- Host health (from agent telemetry) and maintenance mode.
ALTER TABLE host_view ADD COLUMN health VARCHAR(16) NOT NULL DEFAULT 'Ready';
ALTER TABLE host_view ADD COLUMN in_maintenance BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE host_view ADD COLUMN status_reason TEXT;
