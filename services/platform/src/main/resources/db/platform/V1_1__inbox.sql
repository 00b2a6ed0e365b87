-- Idempotent consumers: a CloudEvent id is recorded in the same transaction as its effect,
-- so a redelivered or replayed event changes nothing.
CREATE TABLE inbox (
    consumer    VARCHAR(120) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
