package dev.hyperplane.memory.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close an open alert of the host: its condition no longer holds. */
public record ClearMemoryAlert(@TargetAggregateIdentifier String hostId, String alertId, String detail) {
}
