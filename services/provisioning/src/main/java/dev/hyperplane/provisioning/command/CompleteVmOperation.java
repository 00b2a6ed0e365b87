package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The VM's host carried out the agent command of operation {@code operationId}. */
public record CompleteVmOperation(@TargetAggregateIdentifier String vmId, String operationId) {
}
