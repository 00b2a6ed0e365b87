package dev.hyperplane.placement;

import java.util.Optional;

/** Unreachable hosts and hosts in maintenance take no new VMs. */
public final class AvailabilityFilter implements HostFilter {

    @Override
    public Optional<String> reject(HostCandidate host, PlacementRequest vm) {
        return host.available() ? Optional.empty() : Optional.of("unreachable or in maintenance");
    }

    /** An unreachable host is often an agent restarting, and maintenance ends: both may pass. */
    @Override
    public boolean passing() {
        return true;
    }
}
