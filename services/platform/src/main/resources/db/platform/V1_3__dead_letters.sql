-- Records a consumer could not handle, kept with their bytes so an operator can redrive them, and the keys they
-- park: while a consumer has a PARKED record for a key, later records for that key are parked behind it, so
-- per-key order holds when they are redriven.
CREATE TABLE dead_letter (
    id              BIGSERIAL    PRIMARY KEY,
    consumer        VARCHAR(120) NOT NULL,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INT          NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    record_key      TEXT,
    event_type      TEXT,
    event_id        TEXT,
    reason          TEXT         NOT NULL,
    state           VARCHAR(16)  NOT NULL DEFAULT 'PARKED',
    record_value    BYTEA,
    record_headers  JSONB        NOT NULL,
    parked_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    settled_at      TIMESTAMPTZ,
    UNIQUE (consumer, topic, kafka_partition, kafka_offset),
    CHECK (state IN ('PARKED', 'REDRIVEN', 'DISCARDED'))
);

CREATE INDEX dead_letter_parked_keys ON dead_letter (consumer, topic, record_key) WHERE state = 'PARKED';
