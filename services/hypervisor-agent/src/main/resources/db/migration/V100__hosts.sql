-- The simulated hosts this agent runs and their VMs: durable, so an agent restart is not a host power loss.
CREATE TABLE host (
    host_id                VARCHAR(64)  PRIMARY KEY,
    agent_id               VARCHAR(64)  NOT NULL,
    name                   VARCHAR(128) NOT NULL,
    windows_server_version VARCHAR(32)  NOT NULL,
    logical_processors     INT          NOT NULL,
    memory_mb              BIGINT       NOT NULL,
    root_reserve_mb        BIGINT       NOT NULL
);
CREATE INDEX host_agent ON host (agent_id);

CREATE TABLE vm (
    vm_id      VARCHAR(64)  PRIMARY KEY,
    host_id    VARCHAR(64)  NOT NULL REFERENCES host (host_id),
    name       VARCHAR(128) NOT NULL,
    vcpus      INT          NOT NULL,
    memory_mb  BIGINT       NOT NULL,
    state      VARCHAR(32)  NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX vm_host ON vm (host_id);

-- Every command applied, with the answer sent for it: a redelivered command gets the same answer again
-- and changes nothing.
CREATE TABLE command_log (
    command_id  VARCHAR(255) PRIMARY KEY,
    answer_type VARCHAR(255) NOT NULL,
    answer      TEXT         NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
