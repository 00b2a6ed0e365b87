-- Where each VM stands when its host fails (high, medium, low or off); VMs from before priorities are medium.
ALTER TABLE vm_view ADD COLUMN ha_priority VARCHAR(8) NOT NULL DEFAULT 'medium';
