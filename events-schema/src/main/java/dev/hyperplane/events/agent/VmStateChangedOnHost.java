package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A VM's Hyper-V state changed on its host.
 *
 * @param from       previous state: Off, Starting, Running, Paused, Saved, Stopping, Saving, Resuming, Resetting
 * @param reason     why, e.g. "booted", "host power loss", "live migration to host-07"
 * @param simTimeMs  the host's simulated clock when it happened
 */
public record VmStateChangedOnHost(String hostId, String vmId, String from, String to, String reason, long simTimeMs,
                                   Instant at) implements PublicEvent {
}
