package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A file was copied from the host into the guest.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record FileCopiedOnHost(String hostId, String vmId, String path, long bytes, int fragments,
        long simTimeMs, Instant at) implements PublicEvent {
}
