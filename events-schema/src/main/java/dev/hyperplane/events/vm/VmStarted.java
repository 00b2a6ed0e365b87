package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** The VM runs on its host. */
public record VmStarted(String vmId, String hostId, Instant startedAt) implements PublicEvent {
}
