-- Faults of the host itself rather than of its engine: cut off from the network (it runs on, unheard and
-- unreachable), and its management controller (the out-of-band power path fencing uses) not answering. Kept here,
-- not in the engine's log: they are the network's and the controller's, and survive an agent restart as they are.
ALTER TABLE host ADD COLUMN partitioned BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE host ADD COLUMN management_controller_failed BOOLEAN NOT NULL DEFAULT false;
