package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host's agent reported the VM running. */
public record ConfirmVmStarted(@TargetAggregateIdentifier String vmId, String hostId) {
}
