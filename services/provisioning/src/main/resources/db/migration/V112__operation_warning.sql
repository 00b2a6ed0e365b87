-- What a create operation was let pass with (HA's admission control warning instead of refusing).
ALTER TABLE operation ADD COLUMN warning TEXT;
