package dev.hyperplane.events.backup;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A restore point was protected (retention never prunes it) or unprotected.
 *
 * @param protectedPoint true: protected from now on; false: retention may prune it again
 */
public record RestorePointProtected(String restorePointId, String vmId, String tenantId, boolean protectedPoint,
        String setBy, Instant setAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
