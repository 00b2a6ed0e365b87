-- Subscriptions as their events say (WebhookProjection). A deleted one is removed with its deliveries.
CREATE TABLE webhook (
    webhook_id           TEXT PRIMARY KEY,
    tenant_id            TEXT,                    -- null: a fleet admin's subscription
    url                  TEXT NOT NULL,
    event_types          TEXT[] NOT NULL,
    active               BOOLEAN NOT NULL,
    disabled_reason      TEXT,
    created_by           TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    changed_at           TIMESTAMPTZ NOT NULL,
    previous_valid_until TIMESTAMPTZ,
    -- the endpoint's health, written by the dispatcher: since when it has accepted nothing (null: it accepted
    -- the last attempt)
    failing_since        TIMESTAMPTZ
);
CREATE INDEX webhook_tenant ON webhook (tenant_id);

-- Signing secrets, sealed with the configured key (SecretBox); never in an event. Written by the API in the
-- command's transaction.
CREATE TABLE webhook_secret (
    webhook_id TEXT PRIMARY KEY,
    current    TEXT NOT NULL,
    previous   TEXT
);

-- VMs' tenants, from VmRequested: agent events name a VM but no tenant.
CREATE TABLE vm_tenant (
    vm_id     TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL
);

-- Every deliverable public event, as a structured CloudEvent, in the order it arrived: the history replay and
-- the feed read (pruned after hyperplane.integrations.history).
CREATE TABLE integration_event (
    position    BIGSERIAL PRIMARY KEY,
    event_id    TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    tenant_id   TEXT,
    -- a type its tenant may receive (EventAudience): the tenant's feed and subscriptions see it
    tenant_may  BOOLEAN NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    kafka_at    TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    body        TEXT NOT NULL
);
CREATE INDEX integration_event_tenant ON integration_event (tenant_id, position) WHERE tenant_may;
CREATE INDEX integration_event_time ON integration_event (occurred_at);

-- One event to one subscription. Replay adds a new round of the same events (same CloudEvent ids).
CREATE TABLE delivery (
    delivery_id     BIGSERIAL PRIMARY KEY,
    webhook_id      TEXT NOT NULL REFERENCES webhook ON DELETE CASCADE,
    position        BIGINT NOT NULL REFERENCES integration_event ON DELETE CASCADE,
    round           INT NOT NULL DEFAULT 0,
    subject         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending',  -- pending, delivered, given-up
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,                      -- an attempt is in flight until then
    last_status     INT,
    last_error      TEXT,
    last_latency_ms BIGINT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    UNIQUE (webhook_id, position, round)
);
-- the head of each subject (the dispatcher) and the due subscriptions
CREATE INDEX delivery_pending ON delivery (webhook_id, subject, delivery_id) WHERE state = 'pending';

CREATE TABLE delivery_attempt (
    delivery_id BIGINT NOT NULL REFERENCES delivery ON DELETE CASCADE,
    attempt     INT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    status      INT,
    latency_ms  BIGINT NOT NULL,
    error       TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
