package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.VmConfig;
import dev.hyperplane.events.DiskContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Restore a restore point: as a new VM ({@code vmId} a new id, {@code name} the new VM's) or in place ({@code vmId}
 * the point's own VM).
 *
 * @param config the VM's configuration as the point captured it
 * @param disks  the point's disks: what the restore writes
 */
public record RequestRestore(@TargetAggregateIdentifier String restoreId, String restorePointId, String sourceVmId,
                             String vmId, String tenantId, String mode, String name, VmConfig config,
                             List<DiskContent> disks, String requestedBy) {
}
