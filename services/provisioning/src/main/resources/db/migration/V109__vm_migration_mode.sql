-- How each VM may be moved between hosts (live, quick or none); VMs from before modes existed move live.
ALTER TABLE vm_view ADD COLUMN migration_mode VARCHAR(8) NOT NULL DEFAULT 'live';
