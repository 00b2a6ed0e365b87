package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM could not be provisioned: a terminal state.
 *
 * @param reason what a hosting panel can show its customer, e.g. "no host has 65536 MB free"
 */
public record VmFailed(String vmId, String reason, Instant failedAt) implements PublicEvent {
}
