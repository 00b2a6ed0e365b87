package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put the VM on the host placement chose, and tell that host's agent to create and start it. */
public record PlaceVm(@TargetAggregateIdentifier String vmId, String hostId) {
}
