-- HA: what the detector judges hosts by, and the incidents as the API shows them.

-- Each agent's heartbeats (the platform's AgentHeartbeats): the last, and since when they came without a gap.
CREATE TABLE agent_liveness (
    agent_id       VARCHAR(64) PRIMARY KEY,
    last_heartbeat TIMESTAMPTZ NOT NULL,
    alive_since    TIMESTAMPTZ
);

-- Each host an agent's heartbeat names, and when the host last reported (its telemetry).
CREATE TABLE ha_host_liveness (
    host_id     VARCHAR(64) PRIMARY KEY,
    agent_id    VARCHAR(64) NOT NULL,
    last_report TIMESTAMPTZ
);

-- Each host's HA state (written with the HaHost aggregate's events): its open or last incident, whether it is
-- fenced and not cleared, and which silence of its agent was alerted.
CREATE TABLE ha_host (
    host_id                  VARCHAR(64) PRIMARY KEY,
    incident_id              VARCHAR(64),
    incident_state           VARCHAR(16),
    fenced                   BOOLEAN     NOT NULL DEFAULT false,
    agent_silence_alerted_for TIMESTAMPTZ
);

CREATE TABLE ha_incident (
    incident_id    VARCHAR(64)  PRIMARY KEY,
    host_id        VARCHAR(64)  NOT NULL,
    agent_id       VARCHAR(64)  NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    reason         TEXT         NOT NULL,
    detected_at    TIMESTAMPTZ  NOT NULL,
    fence_attempts INT          NOT NULL DEFAULT 0,
    fenced_at      TIMESTAMPTZ,
    fence_method   VARCHAR(32),
    restarted      INT,
    not_restarted  INT,
    ended_at       TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ha_incident_detected ON ha_incident (detected_at, incident_id);

-- Alerts an operator can act on, with their incident (none for an agent silent while no host of it failed).
CREATE TABLE ha_alert (
    alert_id    BIGSERIAL   PRIMARY KEY,
    incident_id VARCHAR(64),
    host_id     VARCHAR(64) NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    reason      TEXT        NOT NULL,
    raised_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX ha_alert_incident ON ha_alert (incident_id);

-- Each VM of an incident: its tier, its attempts, where it runs again or why not.
CREATE TABLE ha_incident_vm (
    incident_id VARCHAR(64) NOT NULL REFERENCES ha_incident (incident_id),
    vm_id       VARCHAR(64) NOT NULL,
    ha_priority VARCHAR(16),
    state       VARCHAR(16) NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    restart_id  VARCHAR(64),
    host_id     VARCHAR(64),
    reason      TEXT,
    ended_at    TIMESTAMPTZ,
    PRIMARY KEY (incident_id, vm_id)
);
CREATE INDEX ha_incident_vm_restart ON ha_incident_vm (restart_id);

-- The VMs' HA priority, as provisioning announces it.
ALTER TABLE migration_vm ADD COLUMN ha_priority VARCHAR(16) NOT NULL DEFAULT 'medium';
