package dev.hyperplane.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses a host for a VM: every filter must pass, then the highest weighted score wins, ties broken by host id
 * so the choice is deterministic. Pure: the caller supplies the snapshot. When no host passes, the refusal says
 * why each was excluded, grouped by reason.
 */
public final class Placement {

    /** A weigher and how much it counts; a negative weight inverts its preference. */
    public record Weighted(HostWeigher weigher, double weight) {
    }

    /**
     * The outcome: a host, or why there is none.
     *
     * @param worthRetrying no host passed, but one was refused only for a reason that may pass (it is unreachable
     *                      for now) and passes every other rule: placing again later may succeed
     * @param warning       what a placed VM was let pass with (see {@link HaReserve}); null when nothing
     */
    public record Decision(String hostId, String refusal, boolean worthRetrying, String warning) {
        public Decision(String hostId, String refusal) {
            this(hostId, refusal, false, null);
        }

        public Decision(String hostId, String refusal, boolean worthRetrying) {
            this(hostId, refusal, worthRetrying, null);
        }

        public Decision withWarning(String why) {
            return new Decision(hostId, refusal, worthRetrying, why);
        }

        public boolean placed() {
            return hostId != null;
        }
    }

    private final List<HostFilter> filters;
    private final List<Weighted> weighers;

    public Placement(List<HostFilter> filters, List<Weighted> weighers) {
        this.filters = List.copyOf(filters);
        this.weighers = List.copyOf(weighers);
    }

    /** Every filter; weights for memory headroom and VM count (positive spreads, negative stacks). */
    public static Placement standard(double memoryHeadroomWeight, double vmCountWeight) {
        return new Placement(
                List.of(new AvailabilityFilter(), new HostVersionFilter(), new AntiAffinityFilter(),
                        new CapacityFilter()),
                List.of(new Weighted(new MemoryHeadroomWeigher(), memoryHeadroomWeight),
                        new Weighted(new VmCountWeigher(), vmCountWeight)));
    }

    public Decision choose(List<HostCandidate> hosts, PlacementRequest vm) {
        if (hosts.isEmpty()) {
            return new Decision(null, "no hypervisor host is registered");
        }
        List<HostCandidate> passed = new ArrayList<>();
        Map<String, List<String>> excluded = new LinkedHashMap<>();
        boolean worthRetrying = false;
        for (HostCandidate host : hosts) {
            List<Rejection> rejections = rejections(host, vm);
            if (rejections.isEmpty()) {
                passed.add(host);
            } else {
                excluded.computeIfAbsent(rejections.get(0).reason(), k -> new ArrayList<>()).add(host.hostId());
                worthRetrying |= rejections.stream().allMatch(Rejection::passing);
            }
        }
        boolean retry = worthRetrying;
        return passed.stream()
                .max(Comparator.comparingDouble((HostCandidate h) -> score(h, vm))
                        .thenComparing(HostCandidate::hostId, Comparator.reverseOrder()))
                .map(h -> new Decision(h.hostId(), null))
                .orElseGet(() -> new Decision(null, "no host can take the VM: " + excluded.entrySet().stream()
                        .map(e -> describe(e.getValue()) + ": " + e.getKey())
                        .collect(Collectors.joining("; ")), retry));
    }

    private record Rejection(String reason, boolean passing) {
    }

    /** Every filter's rejection of the host, in filter order (the first names the host in a refusal). */
    private List<Rejection> rejections(HostCandidate host, PlacementRequest vm) {
        List<Rejection> rejections = new ArrayList<>();
        for (HostFilter filter : filters) {
            filter.reject(host, vm).ifPresent(why -> rejections.add(new Rejection(why, filter.passing())));
        }
        return rejections;
    }

    double score(HostCandidate host, PlacementRequest vm) {
        double score = 0;
        for (Weighted w : weighers) {
            score += w.weight() * w.weigher().weigh(host, vm);
        }
        return score;
    }

    private static String describe(List<String> hostIds) {
        return String.join(", ", hostIds.subList(0, Math.min(3, hostIds.size())))
                + (hostIds.size() > 3 ? " and " + (hostIds.size() - 3) + " more" : "");
    }
}
