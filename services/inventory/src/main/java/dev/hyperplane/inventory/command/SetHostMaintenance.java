package dev.hyperplane.inventory.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator takes a host out of placement (e.g. for patching) or puts it back. */
public record SetHostMaintenance(@TargetAggregateIdentifier String hostId, boolean enabled, String reason) {
}
