package dev.hyperplane.inventory.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host's agent stopped reporting. */
public record MarkHostUnreachable(@TargetAggregateIdentifier String hostId, String reason) {
}
