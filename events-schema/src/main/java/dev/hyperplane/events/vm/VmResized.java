package dev.hyperplane.events.vm;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** The host applied new processor and memory settings to the VM. */
public record VmResized(String vmId, int vcpus, long memoryMb, MemoryPlan memory, Instant resizedAt)
        implements PublicEvent {
}
