package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The VM's move ended without moving it: it runs on its source, the destination's reservation is released. */
public record AbandonMove(@TargetAggregateIdentifier String vmId, String migrationId, String reason) {
}
