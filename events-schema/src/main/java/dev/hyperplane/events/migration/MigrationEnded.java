package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A migration ended without moving the VM (failed, refused or cancelled): the VM runs on its source, provisioning
 * releases the destination (VmMoveAbandoned).
 *
 * @param state failed or cancelled
 */
public record MigrationEnded(String migrationId, String vmId, String state, String reason, Instant endedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
