-- A host HA quarantined (it failed too often within the window): since when, and until when unless an operator
-- clears it earlier. Null when it is not quarantined.
ALTER TABLE ha_host ADD COLUMN quarantined_at TIMESTAMPTZ;
ALTER TABLE ha_host ADD COLUMN quarantined_until TIMESTAMPTZ;
