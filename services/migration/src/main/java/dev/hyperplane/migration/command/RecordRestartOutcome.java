package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Provisioning's answer to one restart attempt of a fenced host's VM: it runs on {@code onHostId}, or the attempt
 * was refused or abandoned with {@code reason}.
 */
public record RecordRestartOutcome(@TargetAggregateIdentifier String hostId, String vmId, String restartId,
                                   boolean restarted, String onHostId, String reason) {
}
