-- A host that lost power, or was fenced, stays off (silent, every VM off) until it is powered on again; its
-- management controller, on standby power, still answers. Kept with the host's other faults.
ALTER TABLE host ADD COLUMN powered_off BOOLEAN NOT NULL DEFAULT false;
