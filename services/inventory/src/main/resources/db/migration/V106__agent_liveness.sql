-- When each agent last said it is alive (AgentHeartbeat): a silent host whose agent is alive has failed
-- (Unreachable), one whose agent is silent too is Unknown.
CREATE TABLE agent_liveness (
    agent_id       VARCHAR(64) PRIMARY KEY,
    last_heartbeat TIMESTAMPTZ NOT NULL
);
