package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The VM's host refused agent command {@code commandId}: the create (the VM fails) or the pending operation's
 * command (the operation fails, the VM stays as it was).
 */
public record RecordHostRefusal(@TargetAggregateIdentifier String vmId, String commandId, String reason) {
}
