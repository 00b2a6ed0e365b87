package dev.hyperplane.events.vm;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Someone asked for new processor and memory settings; {@link VmResized} follows when the host applied them.
 *
 * @param memoryMb startup memory
 */
public record VmResizeRequested(
        String vmId,
        String tenantId,
        String operationId,
        int vcpus,
        long memoryMb,
        MemoryPlan memory,
        String requestedBy,
        Instant requestedAt) implements PublicEvent {
}
