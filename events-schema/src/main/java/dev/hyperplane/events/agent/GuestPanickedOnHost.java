package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The guest kernel panicked; a CrashDumpReported follows when kdump ran.
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record GuestPanickedOnHost(String hostId, String vmId, long simTimeMs, Instant at) implements PublicEvent {
}
