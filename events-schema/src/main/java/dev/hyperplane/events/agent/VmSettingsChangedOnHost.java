package dev.hyperplane.events.agent;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM's processor count or memory settings changed on its host.
 *
 * @param memoryMb startup memory
 * @param simTimeMs the host's simulated clock when it happened
 */
public record VmSettingsChangedOnHost(String hostId, String vmId, int vcpus, long memoryMb, MemoryPlan memory,
        long simTimeMs, Instant at) implements PublicEvent {
}
