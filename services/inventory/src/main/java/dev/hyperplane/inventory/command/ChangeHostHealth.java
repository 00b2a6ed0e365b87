package dev.hyperplane.inventory.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The health check's verdict: Ready, Unreachable (the host failed) or Unknown (its agent is silent). */
public record ChangeHostHealth(@TargetAggregateIdentifier String hostId, String health, String reason) {
}
