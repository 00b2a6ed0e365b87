package dev.hyperplane.agent.domain;

/** A simulated Hyper-V host's fixed properties. */
public record HostSpec(String hostId, String name, String windowsServerVersion, int logicalProcessors,
                       long memoryMb, long rootReserveMb) {

    /** Memory VMs may use: physical memory less what the root partition keeps for itself. */
    public long allocatableMb() {
        return memoryMb - rootReserveMb;
    }
}
