package dev.hyperplane.events.agent;

import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * One pre-copy pass of a live migration finished.
 *
 * @param dirtyMb           what the workload dirtied during the pass: still to send
 * @param simTimeMs         the host's simulated clock when it happened
 * @param durationMs        how long the pass took (added to v1 later; absent from older agents)
 * @param allowedDowntimeMs the allowed downtime the pass was judged against (added to v1 later)
 */
public record MigrationPassCompletedOnHost(String hostId, String vmId, String destinationHostId, int pass,
        long sentMb, long dirtyMb, long simTimeMs, Instant at, @OptionalField Long durationMs,
        @OptionalField Long allowedDowntimeMs) implements PublicEvent {
}
