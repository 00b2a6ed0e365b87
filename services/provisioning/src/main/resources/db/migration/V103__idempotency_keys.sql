-- Idempotency-Key on VM creation: one row per (tenant, key), written in the same transaction as the VM's first
-- event, so a repeated or concurrent request with the same key finds the VM it created instead of a second one.
CREATE TABLE idempotency_key (
    tenant_id    VARCHAR(64)  NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    vm_id        VARCHAR(64)  NOT NULL,
    operation_id VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idem_key)
);
