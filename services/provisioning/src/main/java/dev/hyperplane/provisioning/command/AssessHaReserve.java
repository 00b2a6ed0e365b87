package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The fleet's HA reserve as assessed now ({@code dev.hyperplane.placement.HaReserve}); {@code fleet} is its id. */
public record AssessHaReserve(@TargetAggregateIdentifier String fleet, int failuresToTolerate, int failuresAbsorbed,
                              long reserveMb, long spareMb, String reason) {
}
