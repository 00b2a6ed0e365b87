package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The guest monitor found the VM's guest hung: its heartbeat lost since {@code lostSince} while the VM runs.
 * Decided once per loss (named by {@code lostSince}).
 */
public record ResetHungGuest(@TargetAggregateIdentifier String vmId, String hostId, Instant lostSince,
                             String reason) {
}
