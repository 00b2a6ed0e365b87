package dev.hyperplane.placement;

import java.util.Optional;

/** VMs of one tenant's anti-affinity group run on different hosts, so one host failure takes out one of them. */
public final class AntiAffinityFilter implements HostFilter {

    @Override
    public Optional<String> reject(HostCandidate host, PlacementRequest vm) {
        String key = vm.antiAffinityKey();
        return key != null && host.antiAffinityGroups().contains(key)
                ? Optional.of("already running a VM of anti-affinity group " + vm.antiAffinityGroup())
                : Optional.empty();
    }
}
