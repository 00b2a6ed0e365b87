package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The guest's synthetic video mode changed.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record VideoModeChangedOnHost(String hostId, String vmId, int width, int height, String protocol,
        long simTimeMs, Instant at) implements PublicEvent {
}
