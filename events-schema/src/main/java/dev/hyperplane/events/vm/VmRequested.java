package dev.hyperplane.events.vm;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A tenant asked for a new VM; provisioning accepted the request and will place and start it.
 *
 * @param memoryMb          startup memory
 * @param generation        1 (BIOS) or 2 (UEFI)
 * @param antiAffinityGroup VMs of the same tenant and group are kept on different hosts; null for none
 * @param requestedBy       the token subject that asked (audit)
 * @param migrationMode     live, quick or none (see VmMigrationModeChanged); absent: live
 * @param haPriority        high, medium, low or off (see VmHaPriorityChanged); absent: medium
 * @param restoreId         the restore that creates this VM from a restore point; absent for a VM created from scratch
 * @param disks             the disks' content the VM starts from (a restore); absent: new, empty disks
 */
public record VmRequested(
        String vmId,
        String tenantId,
        String name,
        int vcpus,
        long memoryMb,
        GuestOs guestOs,
        int generation,
        boolean secureBoot,
        MemoryPlan memory,
        String operationId,
        @Nullable String antiAffinityGroup,
        String requestedBy,
        Instant requestedAt,
        @OptionalField String migrationMode,
        @OptionalField String haPriority,
        @OptionalField String restoreId,
        @OptionalField List<DiskContent> disks) implements PublicEvent {

    /** A VM created from scratch, with new, empty disks. */
    public VmRequested(String vmId, String tenantId, String name, int vcpus, long memoryMb, GuestOs guestOs,
                       int generation, boolean secureBoot, MemoryPlan memory, String operationId,
                       String antiAffinityGroup, String requestedBy, Instant requestedAt, String migrationMode,
                       String haPriority) {
        this(vmId, tenantId, name, vcpus, memoryMb, guestOs, generation, secureBoot, memory, operationId,
                antiAffinityGroup, requestedBy, requestedAt, migrationMode, haPriority, null, null);
    }
}
