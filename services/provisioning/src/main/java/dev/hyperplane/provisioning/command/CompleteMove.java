package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The VM runs on the destination of its move: it is recorded there, and its reservation moves with it. */
public record CompleteMove(@TargetAggregateIdentifier String vmId, String migrationId, String destinationHostId) {
}
