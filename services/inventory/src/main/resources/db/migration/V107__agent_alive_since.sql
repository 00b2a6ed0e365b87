-- Since when each agent has sent heartbeats without a gap: a host is judged failed only if it fell silent while its
-- agent beat on all along; an agent back from a restart or a stall gets time to report its hosts first.
ALTER TABLE agent_liveness ADD COLUMN alive_since TIMESTAMPTZ;
