package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.Retention;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A backup of the VM made a restore point: it joins the VM's chain, and the retention of the policy that governs
 * the VM now is applied to the chain.
 *
 * @param basedOn   the point it builds on; null for a full one
 * @param retention the governing policy's retention; null when no policy governs the VM (nothing is pruned)
 * @param policyId  the governing policy, for the reason of what it prunes
 */
public record RecordRestorePoint(@TargetAggregateIdentifier String vmId, String tenantId, String restorePointId,
                                 Instant takenAt, String basedOn, long sizeMb, long allocatedMb,
                                 Retention retention, String policyId) {
}
