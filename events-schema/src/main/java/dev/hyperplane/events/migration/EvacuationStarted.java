package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * An operator asked to empty a host: inventory puts it into maintenance (no new VMs), and each VM on it is moved by
 * a migration of cause {@code evacuation} whose {@code causeId} is this evacuation, under the concurrency limits.
 *
 * @param migrating VMs moved by a migration, live or quick as each VM's migration mode allows
 * @param unmovable VMs that cannot move, each with the reason (stopped, migration mode none)
 */
public record EvacuationStarted(String evacuationId, String hostId, List<String> migrating,
        List<UnmovableVm> unmovable, String requestedBy, Instant startedAt) implements PublicEvent {

    /** A VM an evacuation cannot move, and why. */
    public record UnmovableVm(String vmId, String reason) {
    }

    @Override
    public String partitionKey() {
        return hostId;
    }
}
