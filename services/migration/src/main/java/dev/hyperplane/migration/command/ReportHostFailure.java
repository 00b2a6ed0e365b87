package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The HA detector judged the host failed: silent while its agent beat on all along. */
public record ReportHostFailure(@TargetAggregateIdentifier String hostId, String agentId, String reason) {
}
