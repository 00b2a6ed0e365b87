package dev.hyperplane.placement;

/**
 * Prefers hosts with fewer VMs. With a positive weight this spreads VMs (smaller blast radius per host); with a
 * negative one it stacks them (fewer hosts busy, the rest free for large VMs or power saving).
 */
public final class VmCountWeigher implements HostWeigher {

    @Override
    public double weigh(HostCandidate host, PlacementRequest vm) {
        return 1.0 / (1 + host.vmCount());
    }
}
