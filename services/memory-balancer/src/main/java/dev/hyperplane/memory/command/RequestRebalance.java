package dev.hyperplane.memory.command;

import dev.hyperplane.memory.domain.Rebalance;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a rebalance decision of the control loop, once per decision id. */
public record RequestRebalance(@TargetAggregateIdentifier String hostId, Rebalance decision) {
}
