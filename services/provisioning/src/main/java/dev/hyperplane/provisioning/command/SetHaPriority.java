package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change where the VM stands when its host fails (high, medium, low or off).
 *
 * @param changedBy the caller, for the history
 */
public record SetHaPriority(@TargetAggregateIdentifier String vmId, String haPriority, String changedBy) {
}
