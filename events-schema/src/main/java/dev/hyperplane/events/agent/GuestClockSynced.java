package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Time sync stepped the guest clock to the host's (boot, resume).
 *
 * @param correctedMs how far the guest clock was off
 * @param simTimeMs the host's simulated clock when it happened
 */
public record GuestClockSynced(String hostId, String vmId, long correctedMs, long simTimeMs,
        Instant at) implements PublicEvent {
}
