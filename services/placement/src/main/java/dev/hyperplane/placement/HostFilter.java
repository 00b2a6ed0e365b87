package dev.hyperplane.placement;

import java.util.Optional;

/** One rule a host must pass to get a VM. */
public interface HostFilter {

    /** Why {@code host} cannot take the VM, or empty when it can. */
    Optional<String> reject(HostCandidate host, PlacementRequest vm);
}
