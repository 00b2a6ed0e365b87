package dev.hyperplane.events.agent;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * What kdump did after a guest panic: captured a dump, or failed and why.
 *
 * @param reason why no dump was written; null when captured
 * @param simTimeMs the host's simulated clock when it happened
 */
public record CrashDumpReported(String hostId, String vmId, boolean captured, long dumpMb,
        @Nullable String reason, long simTimeMs, Instant at) implements PublicEvent {
}
