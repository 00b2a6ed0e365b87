package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Operation {@code operationId} did not happen (timed out); the VM stays as it was. */
public record FailVmOperation(@TargetAggregateIdentifier String vmId, String operationId, String reason) {
}
