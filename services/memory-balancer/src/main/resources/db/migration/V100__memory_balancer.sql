-- What the memory balancer knows of the fleet, fed from Kafka (see FleetConsumer and TelemetryConsumer).

CREATE TABLE mb_host (
    host_id        TEXT PRIMARY KEY,
    memory_mb      BIGINT  NOT NULL,
    capacity_mb    BIGINT  NOT NULL, -- physical memory less the root reserve: what VMs can get
    reachable      BOOLEAN NOT NULL DEFAULT TRUE,
    in_maintenance BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE mb_vm (
    vm_id                TEXT PRIMARY KEY,
    tenant_id            TEXT    NOT NULL,
    guest_family         TEXT    NOT NULL,
    guest_distribution   TEXT    NOT NULL,
    guest_version        TEXT    NOT NULL,
    host_id              TEXT,
    -- the memory the VM has on its host (as requested until the host reports a change)
    startup_mb           BIGINT  NOT NULL,
    dynamic              BOOLEAN NOT NULL,
    minimum_mb           BIGINT  NOT NULL,
    maximum_mb           BIGINT  NOT NULL,
    buffer_percent       INT     NOT NULL,
    priority             INT     NOT NULL,
    supported_features   TEXT,            -- JSON list from the guest's negotiation; null until it negotiated
    unsupported_features TEXT,            -- JSON map feature -> why not
    architecture         TEXT    NOT NULL DEFAULT '',
    hot_add_failed       BOOLEAN NOT NULL DEFAULT FALSE,
    smart_paging_mb      BIGINT  NOT NULL DEFAULT 0,
    deleted              BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX mb_vm_host ON mb_vm (host_id);

-- The latest telemetry of each host, with since when each VM's pressure has been above 100 %.
CREATE TABLE mb_host_sample (
    host_id     TEXT PRIMARY KEY,
    sim_time_ms BIGINT      NOT NULL,
    free_mb     BIGINT      NOT NULL,
    vms         TEXT        NOT NULL, -- JSON list of VmSample + starvedSince
    sampled_at  TIMESTAMPTZ NOT NULL
);

-- What the control loop remembers between rounds.
CREATE TABLE mb_host_heat (
    host_id          TEXT PRIMARY KEY,
    above_since      TIMESTAMPTZ,
    hot              BOOLEAN NOT NULL,
    last_decision_at TIMESTAMPTZ,
    decisions        INT     NOT NULL
);

-- Projections of the memory events (written in the events' own transaction).
CREATE TABLE mb_vm_policy (
    vm_id          TEXT PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    startup_mb     BIGINT      NOT NULL,
    dynamic        BOOLEAN     NOT NULL,
    minimum_mb     BIGINT      NOT NULL,
    maximum_mb     BIGINT      NOT NULL,
    buffer_percent INT         NOT NULL,
    priority       INT         NOT NULL,
    version        BIGINT      NOT NULL,
    set_by         TEXT        NOT NULL,
    set_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE mb_tenant_plan (
    tenant_id      TEXT PRIMARY KEY,
    dynamic        BOOLEAN     NOT NULL,
    minimum_mb     BIGINT      NOT NULL,
    maximum_mb     BIGINT      NOT NULL,
    buffer_percent INT         NOT NULL,
    priority       INT         NOT NULL,
    version        BIGINT      NOT NULL,
    set_by         TEXT        NOT NULL,
    set_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE mb_decision (
    decision_id   TEXT PRIMARY KEY,
    vm_id         TEXT        NOT NULL,
    from_host_id  TEXT        NOT NULL,
    to_host_id    TEXT        NOT NULL,
    reason        TEXT        NOT NULL,
    host_pressure INT         NOT NULL,
    vm_demand_mb  BIGINT      NOT NULL,
    decided_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX mb_decision_time ON mb_decision (decided_at DESC, decision_id);

CREATE TABLE mb_alert (
    alert_id     TEXT PRIMARY KEY,
    kind         TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    host_id      TEXT        NOT NULL,
    vm_id        TEXT,
    detail       TEXT        NOT NULL,
    raised_at    TIMESTAMPTZ NOT NULL,
    cleared_at   TIMESTAMPTZ,
    clear_detail TEXT
);
CREATE UNIQUE INDEX mb_alert_open ON mb_alert (subject) WHERE cleared_at IS NULL;

-- The policy pushes to agents: one row per VM, for what was last pushed and what its host answered.
CREATE TABLE mb_push (
    vm_id      TEXT PRIMARY KEY,
    command_id TEXT        NOT NULL,
    host_id    TEXT        NOT NULL,
    state      TEXT        NOT NULL, -- sent, applied, rejected
    reason     TEXT,
    sent_at    TIMESTAMPTZ NOT NULL
);

-- The last round's recommendations (replaced every round).
CREATE TABLE mb_recommendation (
    vm_id     TEXT        NOT NULL,
    kind      TEXT        NOT NULL,
    tenant_id TEXT        NOT NULL,
    host_id   TEXT        NOT NULL,
    setting   TEXT        NOT NULL,
    current   BIGINT      NOT NULL,
    suggested BIGINT      NOT NULL,
    reason    TEXT        NOT NULL,
    made_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (vm_id, kind)
);
