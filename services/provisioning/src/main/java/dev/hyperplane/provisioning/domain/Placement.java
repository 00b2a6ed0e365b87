package dev.hyperplane.provisioning.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a host for a VM: among the hosts that can run its guest's features (a WS2016+ host for "2016+" ones)
 * and where its memory fits, the one with the most free memory (spreading load), ties broken by host id so the
 * choice is deterministic. Pure: the caller supplies the snapshot.
 */
public final class Placement {

    /** The outcome: a host, or why there is none. */
    public record Decision(String hostId, String refusal) {
        public boolean placed() {
            return hostId != null;
        }
    }

    public static Decision choose(List<HostCandidate> hosts, long memoryMb) {
        return choose(hosts, memoryMb, false);
    }

    public static Decision choose(List<HostCandidate> registered, long memoryMb, boolean needsWs2016Host) {
        if (registered.isEmpty()) {
            return new Decision(null, "no hypervisor host is available (registered, reachable, not in maintenance)");
        }
        List<HostCandidate> hosts = registered.stream().filter(h -> h.ws2016OrNewer() || !needsWs2016Host).toList();
        if (hosts.isEmpty()) {
            return new Decision(null, "the guest needs a Windows Server 2016 or newer host and none is registered");
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
