package dev.hyperplane.events.backup;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A queued backup got its turn: the VM's host was asked to back it up.
 */
public record BackupStarted(String backupId, String vmId, String hostId, Instant startedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
