package dev.hyperplane.inventory.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host's agent reports again. */
public record MarkHostReachable(@TargetAggregateIdentifier String hostId) {
}
