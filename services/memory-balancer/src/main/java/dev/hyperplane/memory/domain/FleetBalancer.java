package dev.hyperplane.memory.domain;

import dev.hyperplane.placement.HostCandidate;
import dev.hyperplane.placement.Placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One round of the fleet memory control loop, as a pure function of the hosts' latest samples and what the loop
 * remembered from the previous round. Reconcile style: every round starts again from the samples, so running a
 * round twice decides the same (decision ids included).
 * <ul>
 *   <li><b>heat</b>: each host's pressure through {@link Hysteresis};</li>
 *   <li><b>rebalance</b>: a hot host sheds one VM per decision (at most one per {@code decisionCooldown}): the
 *       smallest VM whose move brings the host back to cool, else the largest that fits somewhere, to the host
 *       the fleet's placement rules choose (available, the right Windows Server version, anti-affinity, vCPUs,
 *       and room within its cool budget), the one left with the most headroom — never to a host the move would
 *       make warm;</li>
 *   <li><b>recommendations</b>: maximum too low, weight losing under contention, buffer too small or too big;</li>
 *   <li><b>alerts</b>: hosts overcommitted, VMs starved longer than the window, hot-add failures.</li>
 * </ul>
 */
public final class FleetBalancer {
    /** Destinations by the fleet's placement rules, preferring the host left with the most headroom. */
    private static final Placement DESTINATIONS = Placement.standard(1, 0);

    /**
     * @param decisionCooldown how long a hot host waits for its last decision to take effect before the next
     * @param starvationWindow how long a VM may stay above 100 % pressure before it counts as starved
     */
    public record Settings(Hysteresis hysteresis, Duration decisionCooldown, Duration starvationWindow) {
    }

    /** What a round decided, and the heat to remember for the next one. */
    public record Round(Map<String, HostHeat> heat, List<Rebalance> rebalances, List<Recommendation> recommendations,
                        List<AlertCondition> alerts) {
    }

    public static Round round(List<HostSnapshot> hosts, Map<String, HostHeat> previous, Settings settings,
                              Instant now) {
        Hysteresis hysteresis = settings.hysteresis();
        Map<String, HostHeat> heat = new LinkedHashMap<>();
        for (HostSnapshot host : hosts) {
            heat.put(host.hostId(), hysteresis.next(previous.getOrDefault(host.hostId(), HostHeat.COOL),
                    host.pressure(), now));
        }
        Map<String, Long> plannedNeed = new HashMap<>();
        hosts.forEach(h -> plannedNeed.put(h.hostId(), h.needMb()));
        List<Rebalance> rebalances = new ArrayList<>();
        List<HostSnapshot> hottestFirst = hosts.stream().filter(h -> heat.get(h.hostId()).hot())
                .sorted(Comparator.comparingInt(HostSnapshot::pressure).reversed().thenComparing(HostSnapshot::hostId))
                .toList();
        for (HostSnapshot host : hottestFirst) {
            HostHeat hostHeat = heat.get(host.hostId());
            if (hostHeat.lastDecisionAt() != null
                    && now.isBefore(hostHeat.lastDecisionAt().plus(settings.decisionCooldown()))) {
                continue;
            }
            Optional<Rebalance> decision = decide(host, hostHeat, hosts, heat, plannedNeed, hysteresis, now);
            decision.ifPresent(d -> {
                rebalances.add(d);
                heat.put(host.hostId(), hostHeat.decided(now));
                long need = vm(host, d.vmId()).needMb();
                plannedNeed.merge(d.fromHostId(), -need, Long::sum);
                plannedNeed.merge(d.toHostId(), need, Long::sum);
            });
        }
        List<Recommendation> recommendations = new ArrayList<>();
        List<AlertCondition> alerts = new ArrayList<>();
        for (HostSnapshot host : hosts) {
            recommendations.addAll(recommend(host, heat.get(host.hostId()).hot(), hysteresis));
            alerts.addAll(alerts(host, settings.starvationWindow()));
        }
        return new Round(heat, rebalances, recommendations, alerts);
    }

    private static Optional<Rebalance> decide(HostSnapshot host, HostHeat hostHeat, List<HostSnapshot> hosts,
                                              Map<String, HostHeat> heat, Map<String, Long> plannedNeed,
                                              Hysteresis hysteresis, Instant now) {
        long coolNeed = host.capacityMb() * hysteresis.coolPercent() / 100;
        long excess = plannedNeed.get(host.hostId()) - coolNeed;
        List<VmSnapshot> covering = host.vms().stream().filter(vm -> vm.needMb() >= excess)
                .sorted(Comparator.comparingLong(VmSnapshot::needMb).thenComparingInt(VmSnapshot::weight)
                        .thenComparing(VmSnapshot::vmId)).toList();
        List<VmSnapshot> partial = host.vms().stream().filter(vm -> vm.needMb() < excess)
                .sorted(Comparator.comparingLong(VmSnapshot::needMb).reversed()
                        .thenComparingInt(VmSnapshot::weight).thenComparing(VmSnapshot::vmId)).toList();
        List<VmSnapshot> candidates = new ArrayList<>(covering);
        candidates.addAll(partial);
        List<HostCandidate> destinations = hosts.stream().filter(d -> !d.hostId().equals(host.hostId()))
                .map(d -> candidate(d, heat.get(d.hostId()).hot(), plannedNeed.get(d.hostId()), hysteresis))
                .toList();
        for (VmSnapshot vm : candidates) {
            Placement.Decision destination = DESTINATIONS.choose(destinations, vm.placementRequest());
            if (destination.placed()) {
                HostSnapshot to = hosts.stream().filter(d -> d.hostId().equals(destination.hostId())).findFirst()
                        .orElseThrow();
                long seconds = Duration.between(hostHeat.aboveSince(), now).toSeconds();
                String reason = host.hostId() + " at " + host.pressure() + " % of its memory (hot from "
                        + hysteresis.thresholdPercent() + " %) for " + seconds + " s; moving " + vm.vmId() + " ("
                        + vm.needMb() + " MB needed) takes it to "
                        + pressure(plannedNeed.get(host.hostId()) - vm.needMb(), host) + " % and " + to.hostId()
                        + " to " + pressure(plannedNeed.get(to.hostId()) + vm.needMb(), to) + " %";
                String decisionId = host.hostId() + "@" + hostHeat.aboveSince().toEpochMilli() + "#"
                        + (hostHeat.decisions() + 1);
                return Optional.of(new Rebalance(decisionId, vm.vmId(), host.hostId(), to.hostId(), reason,
                        host.pressure(), vm.demandMb()));
            }
        }
        return Optional.empty();
    }

    /**
     * A possible destination as the fleet's placement rules see it. Its budget is what keeps it cool (the hot
     * threshold's cool mark of its capacity) less what its VMs need, moves already planned this round included;
     * a hot host takes nothing.
     */
    private static HostCandidate candidate(HostSnapshot host, boolean hot, long plannedNeedMb, Hysteresis hysteresis) {
        Set<String> groups = host.vms().stream().map(vm -> vm.placementRequest().antiAffinityKey())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        return new HostCandidate(host.hostId(), host.capacityMb() * hysteresis.coolPercent() / 100, plannedNeedMb,
                host.windowsServerVersion(), host.logicalProcessors(), host.available() && !hot, host.vms().size(), groups);
    }

    private static List<Recommendation> recommend(HostSnapshot host, boolean hot, Hysteresis hysteresis) {
        List<Recommendation> out = new ArrayList<>();
        Map<String, Long> shortfalls = ContentionModel.shortfalls(host);
        int servedWeight = host.vms().stream().filter(vm -> !shortfalls.containsKey(vm.vmId()))
                .mapToInt(VmSnapshot::weight).max().orElse(-1);
        for (VmSnapshot vm : host.vms()) {
            if (!vm.plan().enabled()) {
                continue;
            }
            if (vm.demandMb() > vm.ceilingMb()) {
                long wanted = Math.min(PolicyRules.MAX_MEMORY_MB, MemoryMath.roundUp128(
                        (long) Math.ceil(vm.demandMb() * (1 + vm.plan().bufferPercent() / 100.0))));
                boolean startupBound = vm.balloonOnly();
                out.add(new Recommendation(vm.vmId(), host.hostId(), startupBound ? "raise-startup" : "raise-maximum",
                        startupBound ? "startupMb" : "maximumMb", vm.ceilingMb(), wanted,
                        vm.vmId() + " demands " + vm.demandMb() + " MB but can never hold more than "
                                + vm.ceilingMb() + " MB" + (startupBound
                                ? ": its guest cannot hot-add, so startup memory is its ceiling (takes a restart)"
                                : "")));
            }
            if (shortfalls.containsKey(vm.vmId()) && servedWeight > vm.weight() && vm.weight() < 100) {
                out.add(new Recommendation(vm.vmId(), host.hostId(), "raise-weight", "priority", vm.weight(),
                        Math.min(100, servedWeight + 1), vm.vmId() + " misses " + shortfalls.get(vm.vmId())
                        + " MB of its demand on " + host.hostId() + " while VMs of weight " + servedWeight
                        + " get theirs"));
            }
            int buffer = vm.plan().bufferPercent();
            if (!hot && host.pressure() < hysteresis.coolPercent() && vm.pressure() > 100
                    && vm.demandMb() < vm.ceilingMb() && buffer < PolicyRules.MAX_BUFFER_PERCENT) {
                out.add(new Recommendation(vm.vmId(), host.hostId(), "raise-buffer", "bufferPercent", buffer,
                        Math.min(PolicyRules.MAX_BUFFER_PERCENT, Math.max(2 * buffer, 20)), vm.vmId() + " is at "
                        + vm.pressure() + " % pressure on a host with room: its demand outgrows a " + buffer
                        + " % buffer"));
            } else if (hot && buffer > PolicyRules.DEFAULT_BUFFER_PERCENT) {
                out.add(new Recommendation(vm.vmId(), host.hostId(), "lower-buffer", "bufferPercent", buffer,
                        PolicyRules.DEFAULT_BUFFER_PERCENT, host.hostId() + " is hot and " + vm.vmId()
                        + " keeps a " + buffer + " % buffer above its demand"));
            }
        }
        return out;
    }

    private static List<AlertCondition> alerts(HostSnapshot host, Duration starvationWindow) {
        List<AlertCondition> out = new ArrayList<>();
        if (host.pressure() > 100) {
            out.add(new AlertCondition(AlertCondition.HOST_OVERCOMMITTED, host.hostId(), null, "its VMs need "
                    + host.needMb() + " MB of the " + host.capacityMb() + " MB it can give them (" + host.pressure()
                    + " %)"));
        }
        for (VmSnapshot vm : host.vms()) {
            if (!vm.starvedFor().isZero() && vm.starvedFor().compareTo(starvationWindow) >= 0) {
                out.add(new AlertCondition(AlertCondition.VM_STARVED, host.hostId(), vm.vmId(), "pressure "
                        + vm.pressure() + " % for " + vm.starvedFor().toSeconds() + " s (" + vm.demandMb()
                        + " MB demanded, " + vm.assignedMb() + " MB assigned)"));
            }
            if (vm.hotAddFailed()) {
                out.add(new AlertCondition(AlertCondition.HOT_ADD_FAILED, host.hostId(), vm.vmId(),
                        "the guest did not online hot-added memory; it can only grow by unballooning up to "
                                + vm.startupMb() + " MB until it restarts"));
            }
        }
        return out;
    }

    private static int pressure(long needMb, HostSnapshot host) {
        return MemoryMath.percent(needMb, host.capacityMb());
    }

    private static VmSnapshot vm(HostSnapshot host, String vmId) {
        return host.vms().stream().filter(vm -> vm.vmId().equals(vmId)).findFirst().orElseThrow();
    }

    private FleetBalancer() {
    }
}
