package dev.hyperplane.memory.command;

import dev.hyperplane.memory.domain.AlertCondition;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open an alert for a condition of the host (nothing happens while one is open for the same subject). */
public record RaiseMemoryAlert(@TargetAggregateIdentifier String hostId, String alertId, AlertCondition condition) {
}
