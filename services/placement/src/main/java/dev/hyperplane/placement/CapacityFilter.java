package dev.hyperplane.placement;

import java.util.Optional;

/**
 * The VM's startup memory must fit in what the host has left after the root reserve and the startup memory of
 * the VMs already there (Hyper-V needs startup free to start a VM, Dynamic Memory or not; a DM VM's minimum is
 * below its startup), and its vCPUs within the host's logical processors.
 */
public final class CapacityFilter implements HostFilter {

    @Override
    public Optional<String> reject(HostCandidate host, PlacementRequest vm) {
        if (vm.vcpus() > host.logicalProcessors()) {
            return Optional.of("fewer than " + vm.vcpus() + " logical processors");
        }
        if (host.freeMb() < vm.memoryMb()) {
            return Optional.of("less than " + vm.memoryMb() + " MB free");
        }
        return Optional.empty();
    }
}
