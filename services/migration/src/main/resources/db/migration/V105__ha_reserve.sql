-- The fleet's HA reserve as provisioning last assessed it (hyperplane.capacity.events), for /api/v1/ha/status.
CREATE TABLE ha_reserve (
    fleet                VARCHAR(16) PRIMARY KEY,
    failures_to_tolerate INT         NOT NULL,
    failures_absorbed    INT         NOT NULL,
    holds                BOOLEAN     NOT NULL,
    reserve_mb           BIGINT      NOT NULL,
    spare_mb             BIGINT      NOT NULL,
    reason               TEXT,
    assessed_at          TIMESTAMPTZ NOT NULL
);
