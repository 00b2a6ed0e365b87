package dev.hyperplane.placement;

/** Prefers hosts that keep the most memory free after the VM lands (share of allocatable memory). */
public final class MemoryHeadroomWeigher implements HostWeigher {

    @Override
    public double weigh(HostCandidate host, PlacementRequest vm) {
        if (host.allocatableMb() <= 0) {
            return 0;
        }
        return Math.max(0, (double) (host.freeMb() - vm.memoryMb()) / host.allocatableMb());
    }
}
