-- The most memory provisioning approved for the VM (its Dynamic Memory maximum, else its startup memory, at creation
-- or at its last resize): the memory balancer tunes within it, never above (the tenant's quota counts it).
ALTER TABLE mb_vm ADD COLUMN approved_most_mb BIGINT;
UPDATE mb_vm SET approved_most_mb = CASE WHEN dynamic THEN GREATEST(startup_mb, maximum_mb) ELSE startup_mb END;
