package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Back a VM up: queued until it gets its turn, failed if it has not started by {@code startBy}.
 *
 * @param policyId     null for an on-demand backup outside any policy
 * @param trigger      schedule or on-demand
 * @param consistency  application (fail unless the guest gives it) or crash (whatever it gives)
 * @param scheduledFor the scheduled time; null on demand
 */
public record RequestBackup(@TargetAggregateIdentifier String backupId, String vmId, String tenantId,
                            String policyId, String trigger, String consistency, Instant scheduledFor,
                            Instant startBy, String requestedBy) {
}
