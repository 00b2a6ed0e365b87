package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The guest did not online hot-added memory; permanent: the host stops trying for this VM.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record HotAddFailedOnHost(String hostId, String vmId, boolean permanent, String reason, long simTimeMs,
        Instant at) implements PublicEvent {
}
