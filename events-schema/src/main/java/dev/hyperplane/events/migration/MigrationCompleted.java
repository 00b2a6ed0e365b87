package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM runs on its destination: provisioning records the move (VmMoved) and every later command goes there.
 *
 * @param downtimeMs the blackout (live) or the time the VM was saved (quick)
 */
public record MigrationCompleted(String migrationId, String vmId, String sourceHostId, String destinationHostId,
        int passes, long downtimeMs, Instant completedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
