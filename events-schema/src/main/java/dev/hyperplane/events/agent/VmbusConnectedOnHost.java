package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The guest's VMBus driver and the host agreed on a protocol version.
 *
 * @param vmbusVersion major.minor, e.g. 4.0
 * @param simTimeMs the host's simulated clock when it happened
 */
public record VmbusConnectedOnHost(String hostId, String vmId, String vmbusVersion, int offers, long simTimeMs,
        Instant at) implements PublicEvent {
}
