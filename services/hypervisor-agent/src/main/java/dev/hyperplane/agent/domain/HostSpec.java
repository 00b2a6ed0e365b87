package dev.hyperplane.agent.domain;

import dev.hyperplane.guestsupport.HostVersion;

/** A simulated Hyper-V host's fixed properties, as the agent stores them. */
public record HostSpec(String hostId, String name, String windowsServerVersion, int logicalProcessors,
                       long memoryMb, long rootReserveMb) {

    dev.hyperplane.hyperv.HostSpec toEngine() {
        return new dev.hyperplane.hyperv.HostSpec(hostId, HostVersion.fromLabel(windowsServerVersion),
                logicalProcessors, 2, memoryMb, rootReserveMb, dev.hyperplane.hyperv.HostSpec.MigrationSettings.DEFAULT);
    }
}
