package dev.hyperplane.events.vm;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A tenant asked for a new VM; provisioning accepted the request and will place and start it.
 *
 * @param memoryMb          startup memory
 * @param generation        1 (BIOS) or 2 (UEFI)
 * @param antiAffinityGroup VMs of the same tenant and group are kept on different hosts; null for none
 * @param requestedBy       the token subject that asked (audit)
 * @param migrationMode     live, quick or none (see VmMigrationModeChanged); absent: live
 * @param haPriority        high, medium, low or off (see VmHaPriorityChanged); absent: medium
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
        @OptionalField String haPriority) implements PublicEvent {
}
