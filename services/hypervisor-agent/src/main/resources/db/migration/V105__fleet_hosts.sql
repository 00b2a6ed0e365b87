-- Every host of the fleet and the agent that runs it, from inventory's HostRegistered: a simulation control for a
-- host of another agent is forwarded to it, one for a host nobody runs is refused.
CREATE TABLE fleet_host (
    host_id  text PRIMARY KEY,
    agent_id text NOT NULL
);
