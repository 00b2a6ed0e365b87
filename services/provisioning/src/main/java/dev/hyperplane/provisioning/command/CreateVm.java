package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Accept a tenant's request for a new VM.
 *
 * @param antiAffinityGroup null, or a group whose VMs (of this tenant) must run on different hosts
 * @param requestedBy       the caller, for the history
 * @param migrationMode     live, quick or none
 * @param haPriority        high, medium, low or off
 * @param restoreId         the restore that creates the VM from a restore point; null for a VM from scratch
 * @param disks             the restore point's disks the VM starts from; null for new, empty disks
 */
public record CreateVm(@TargetAggregateIdentifier String vmId, String tenantId, String name, int vcpus,
                       long memoryMb, GuestOs guestOs, int generation, boolean secureBoot, MemoryPlan memory,
                       String operationId, String antiAffinityGroup, String requestedBy,
                       String migrationMode, String haPriority, String restoreId, List<DiskContent> disks) {

    /** A VM from scratch, with new, empty disks. */
    public CreateVm(String vmId, String tenantId, String name, int vcpus, long memoryMb, GuestOs guestOs,
                    int generation, boolean secureBoot, MemoryPlan memory, String operationId,
                    String antiAffinityGroup, String requestedBy, String migrationMode, String haPriority) {
        this(vmId, tenantId, name, vcpus, memoryMb, guestOs, generation, secureBoot, memory, operationId,
                antiAffinityGroup, requestedBy, migrationMode, haPriority, null, null);
    }
}
