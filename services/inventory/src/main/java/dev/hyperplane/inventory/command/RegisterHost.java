package dev.hyperplane.inventory.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a host an agent announced; registering an already registered host changes nothing. */
public record RegisterHost(
        @TargetAggregateIdentifier String hostId,
        String name,
        String agentId,
        String windowsServerVersion,
        int logicalProcessors,
        long memoryMb,
        long rootReserveMb) {
}
