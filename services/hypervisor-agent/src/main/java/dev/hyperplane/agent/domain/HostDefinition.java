package dev.hyperplane.agent.domain;

import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.hyperv.HostSpec;

/**
 * A simulated Hyper-V host as the agent stores and announces it (the engine's {@link HostSpec} adds what only
 * the simulation needs: NUMA nodes, live-migration settings).
 */
public record HostDefinition(String hostId, String name, String windowsServerVersion, int logicalProcessors,
                             long memoryMb, long rootReserveMb) {

    HostSpec toEngine() {
        return new HostSpec(hostId, HostVersion.fromLabel(windowsServerVersion), logicalProcessors, 2, memoryMb,
                rootReserveMb, HostSpec.MigrationSettings.DEFAULT);
    }
}
