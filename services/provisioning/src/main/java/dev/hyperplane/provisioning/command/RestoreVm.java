package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.DiskContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Restore the VM in place from a restore point: its host turns it off, writes {@code disks} and starts it. Asked
 * for by the backup service (restore {@code restoreId}); refused with an event, never an exception, so that the
 * backup service learns why.
 */
public record RestoreVm(@TargetAggregateIdentifier String vmId, String restoreId, String restorePointId,
                        List<DiskContent> disks, String requestedBy) {
}
