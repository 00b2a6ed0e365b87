-- HA's guest monitoring: each VM's guest heartbeat as its host reports it, and the resets of hung guests.

-- Written from the agents' events (GuestHeartbeatChanged, GuestPanickedOnHost, VmStateChangedOnHost). A guest that
-- panicked is writing a crash dump until its VM resets; a VM that resets or goes off starts again with no contact.
-- handled_lost_since is the loss of heartbeat HA already reset (or withheld a reset for): one decision per loss.
CREATE TABLE ha_guest (
    vm_id              VARCHAR(64) PRIMARY KEY,
    host_id            VARCHAR(64) NOT NULL,
    vm_state           VARCHAR(16),
    heartbeat          VARCHAR(32),
    heartbeat_since    TIMESTAMPTZ,
    panicked           BOOLEAN     NOT NULL DEFAULT false,
    handled_lost_since TIMESTAMPTZ
);
CREATE INDEX ha_guest_lost ON ha_guest (heartbeat, heartbeat_since);

-- Each reset HA asked for, and each it withheld (the VM was reset as often within the hour as allowed).
CREATE TABLE ha_guest_reset (
    vm_id      VARCHAR(64) NOT NULL,
    lost_since TIMESTAMPTZ NOT NULL,
    host_id    VARCHAR(64) NOT NULL,
    outcome    VARCHAR(16) NOT NULL,
    reset_id   VARCHAR(64),
    reason     TEXT        NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (vm_id, lost_since)
);
CREATE INDEX ha_guest_reset_decided ON ha_guest_reset (decided_at, vm_id);
