package dev.hyperplane.placement;

import java.util.Optional;

/** One rule a host must pass to get a VM. */
public interface HostFilter {

    /** Why {@code host} cannot take the VM, or empty when it can. */
    Optional<String> reject(HostCandidate host, PlacementRequest vm);

    /** A rejection that may pass by itself (the host is unreachable for now), so placing again later may succeed. */
    default boolean passing() {
        return false;
    }
}
