package dev.hyperplane.provisioning.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a host for a VM: among the hosts where its memory fits, the one with the most free memory (spreading
 * load), ties broken by host id so the choice is deterministic. Pure: the caller supplies the snapshot.
 */
public final class Placement {

    /** The outcome: a host, or why there is none. */
    public record Decision(String hostId, String refusal) {
        public boolean placed() {
            return hostId != null;
        }
    }

    public static Decision choose(List<HostCandidate> hosts, long memoryMb) {
        if (hosts.isEmpty()) {
            return new Decision(null, "no hypervisor host is registered");
        }
        Optional<HostCandidate> best = hosts.stream()
                .filter(h -> h.freeMb() >= memoryMb)
                .min(Comparator.comparingLong(HostCandidate::freeMb).reversed().thenComparing(HostCandidate::hostId));
        return best.map(h -> new Decision(h.hostId(), null)).orElseGet(() -> new Decision(null,
                "no host has " + memoryMb + " MB free (largest free: "
                        + hosts.stream().mapToLong(HostCandidate::freeMb).max().orElse(0) + " MB)"));
    }

    private Placement() {
    }
}
