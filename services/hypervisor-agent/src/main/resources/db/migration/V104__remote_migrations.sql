-- Live migrations between hosts of two agents (RemoteHandOff): one row per side, the source's agent decides.
CREATE TABLE remote_migration (
    migration_id        text        NOT NULL, -- the migrate command's id
    role                text        NOT NULL CHECK (role IN ('source', 'destination')),
    vm_id               text        NOT NULL,
    source_host_id      text        NOT NULL,
    destination_host_id text        NOT NULL,
    phase               text        NOT NULL,
    passes              text,                 -- source: the engine's migrate command, run once memory is held there
    vm_state            text,                 -- destination: the VM's state held at the hand-off
    reason              text,
    request_type        text,                 -- source: the message to the destination, sent until it is answered
    request             text,                 --   (or, once decided, until it is on the topic)
    request_pending     boolean     NOT NULL DEFAULT false,
    sent_at             timestamptz,
    deadline_at         timestamptz,
    frozen_at           timestamptz,          -- source: when the VM froze at the blackout; the wait is downtime
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration_id, role)
);

CREATE INDEX remote_migration_open ON remote_migration (source_host_id)
    WHERE role = 'source' AND (phase IN ('preparing', 'handing-off') OR request_pending);
