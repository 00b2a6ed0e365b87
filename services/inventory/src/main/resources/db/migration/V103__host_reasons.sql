-- Health and maintenance each keep their own reason; status_reason shows the one that explains the state.
ALTER TABLE host_view ADD COLUMN health_reason TEXT;
ALTER TABLE host_view ADD COLUMN maintenance_reason TEXT;
