package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring the evacuated host back: out of maintenance, and the VMs the evacuation moved away back to it. */
public record ReturnEvacuation(@TargetAggregateIdentifier String evacuationId, String requestedBy) {
}
