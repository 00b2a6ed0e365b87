-- Hosts as inventory announces them on hyperplane.host.events: what an evacuation is checked against, and whether
-- its host has left maintenance (a return waits for it).
CREATE TABLE migration_host (
    host_id        VARCHAR(64) PRIMARY KEY,
    in_maintenance BOOLEAN     NOT NULL DEFAULT FALSE
);

-- Evacuations as the API shows them, written in the evacuation's own events' transaction.
CREATE TABLE evacuation_view (
    evacuation_id VARCHAR(64)  PRIMARY KEY,
    host_id       VARCHAR(64)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    requested_by  VARCHAR(255) NOT NULL,
    moved         INT,
    failed        INT,
    host_empty    BOOLEAN,
    started_at    TIMESTAMPTZ  NOT NULL,
    ended_at      TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX evacuation_view_host ON evacuation_view (host_id, started_at);
CREATE INDEX evacuation_view_started ON evacuation_view (started_at, evacuation_id);

-- Each VM of an evacuation, per phase (out, or back for a return): its migration, or why it cannot move.
CREATE TABLE evacuation_vm (
    evacuation_id VARCHAR(64) NOT NULL REFERENCES evacuation_view (evacuation_id),
    vm_id         VARCHAR(64) NOT NULL,
    phase         VARCHAR(8)  NOT NULL,
    migration_id  VARCHAR(64),
    reason        TEXT,
    PRIMARY KEY (evacuation_id, phase, vm_id)
);
CREATE INDEX evacuation_vm_migration ON evacuation_vm (migration_id);
