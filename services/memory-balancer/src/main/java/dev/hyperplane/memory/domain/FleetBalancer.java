package dev.hyperplane.memory.domain;

import dev.hyperplane.placement.HostCandidate;
import dev.hyperplane.placement.Placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One round of the fleet memory control loop, as a pure function of the hosts' latest samples, the decisions still
 * in flight and what the loop remembered from the previous round. Reconcile style: every round starts again from
 * the samples, so running a round twice decides the same (decision ids included).
 * <ul>
 *   <li><b>heat</b>: each host's need projected {@code trendHorizon} ahead along its {@link NeedTrend}, through
 *       {@link Hysteresis}: a host climbing fast turns hot before its sample crosses, one falling fast does not;</li>
 *   <li><b>rebalance</b>: a hot host sheds VMs until its projected need, less the moves in flight, is back at the
 *       cool mark (at most {@code movesPerRound} per round, then {@code decisionCooldown} until the next): the
 *       smallest VM whose move covers what is left, else the largest that fits somewhere, to the host the fleet's
 *       placement rules choose (available, the right Windows Server version, anti-affinity, vCPUs) among those
 *       with {@link Headroom} for it — room below {@link Hysteresis#destinationPercent} for its need and buffer,
 *       and free memory now for what it holds —, the one left with the most room;</li>
 *   <li><b>recommendations</b>: maximum too low, weight losing under contention, buffer too small or too big;</li>
 *   <li><b>alerts</b>: hosts overcommitted, VMs starved longer than the window, hot-add failures.</li>
 * </ul>
 */
public final class FleetBalancer {
    /** Destinations by the fleet's placement rules, preferring the host left with the most headroom. */
    private static final Placement DESTINATIONS = Placement.standard(1, 0);

    /**
     * @param decisionCooldown how long a hot host waits after its decisions before deciding again (moves in flight
     *                         already count, so this only covers the time until the samples show them landed)
     * @param starvationWindow how long a VM may stay above 100 % pressure before it counts as starved
     * @param trendHorizon     how far ahead a host's need is projected along its trend (zero: the sample alone)
     * @param movesPerRound    the most VMs one hot host sheds in one round
     */
    public record Settings(Hysteresis hysteresis, Duration decisionCooldown, Duration starvationWindow,
                           Duration trendHorizon, int movesPerRound) {
        public Settings {
            if (movesPerRound < 1 || trendHorizon.isNegative()) {
                throw new IllegalArgumentException("at least one move per round and a horizon >= 0 are needed");
            }
        }

        /** One move per round, on the sample alone. */
        public Settings(Hysteresis hysteresis, Duration decisionCooldown, Duration starvationWindow) {
            this(hysteresis, decisionCooldown, starvationWindow, Duration.ZERO, 1);
        }
    }

    /** What a round decided, and the heat to remember for the next one. */
    public record Round(Map<String, HostHeat> heat, List<Rebalance> rebalances, List<Recommendation> recommendations,
                        List<AlertCondition> alerts) {
    }

    public static Round round(List<HostSnapshot> hosts, Map<String, HostHeat> previous, Settings settings,
                              Instant now) {
        return round(hosts, previous, List.of(), settings, now);
    }

    /**
     * @param inFlight decisions being executed: until a VM shows up on its destination, its need counts there
     *                 (with its buffer) and no longer on its source, and it is not chosen again
     */
    public static Round round(List<HostSnapshot> hosts, Map<String, HostHeat> previous, List<Rebalance> inFlight,
                              Settings settings, Instant now) {
        Hysteresis hysteresis = settings.hysteresis();
        Map<String, HostHeat> heat = new LinkedHashMap<>();
        Map<String, Long> projectedNeed = new HashMap<>();
        Map<String, Long> peakNeed = new HashMap<>();
        for (HostSnapshot host : hosts) {
            HostHeat before = previous.getOrDefault(host.hostId(), HostHeat.COOL);
            NeedTrend trend = before.trend().next(now, host.needMb(), membership(host));
            long projected = trend.projectedMb(host.needMb(), settings.trendHorizon());
            heat.put(host.hostId(), hysteresis.next(before, MemoryMath.percent(projected, host.capacityMb()), now)
                    .withTrend(trend));
            projectedNeed.put(host.hostId(), projected);
            peakNeed.put(host.hostId(), trend.recentPeakMb());
        }
        Headroom headroom = new Headroom(hosts, projectedNeed, peakNeed);
        Set<String> moving = new HashSet<>();
        for (Rebalance move : inFlight) {
            Optional<VmSnapshot> stillAtSource = hosts.stream().filter(h -> h.hostId().equals(move.fromHostId()))
                    .flatMap(h -> h.vms().stream()).filter(vm -> vm.vmId().equals(move.vmId())).findFirst();
            boolean known = hosts.stream().anyMatch(h -> h.hostId().equals(move.toHostId()));
            stillAtSource.filter(vm -> known).ifPresent(vm -> {
                moving.add(vm.vmId());
                headroom.move(vm, move.fromHostId(), move.toHostId());
            });
        }
        List<Rebalance> rebalances = new ArrayList<>();
        List<HostSnapshot> hottestFirst = hosts.stream().filter(h -> heat.get(h.hostId()).hot())
                .sorted(Comparator.comparingInt((HostSnapshot h) -> headroom.plannedPressure(h.hostId())).reversed()
                        .thenComparing(HostSnapshot::hostId))
                .toList();
        long coolShare = hysteresis.coolPercent();
        for (HostSnapshot host : hottestFirst) {
            HostHeat hostHeat = heat.get(host.hostId());
            if (hostHeat.lastDecisionAt() != null
                    && now.isBefore(hostHeat.lastDecisionAt().plus(settings.decisionCooldown()))) {
                continue;
            }
            long coolNeed = host.capacityMb() * coolShare / 100;
            for (int move = 0; move < settings.movesPerRound() && headroom.plannedNeedMb(host.hostId()) > coolNeed;
                 move++) {
                Optional<Rebalance> decision = decide(host, heat.get(host.hostId()), hosts, heat, headroom, moving,
                        hysteresis, now);
                if (decision.isEmpty()) {
                    break;
                }
                Rebalance d = decision.get();
                rebalances.add(d);
                moving.add(d.vmId());
                heat.put(host.hostId(), heat.get(host.hostId()).decided(now));
                headroom.move(vm(host, d.vmId()), d.fromHostId(), d.toHostId());
            }
        }
        List<Recommendation> recommendations = new ArrayList<>();
        List<AlertCondition> alerts = new ArrayList<>();
        for (HostSnapshot host : hosts) {
            recommendations.addAll(recommend(host, heat.get(host.hostId()).hot(), hysteresis));
            alerts.addAll(alerts(host, settings.starvationWindow()));
        }
        return new Round(heat, rebalances, recommendations, alerts);
    }

    /** Which VMs make up a host's need: a VM arriving or leaving is not a trend. */
    private static int membership(HostSnapshot host) {
        return host.vms().stream().map(VmSnapshot::vmId).sorted().toList().hashCode();
    }

    private static Optional<Rebalance> decide(HostSnapshot host, HostHeat hostHeat, List<HostSnapshot> hosts,
                                              Map<String, HostHeat> heat, Headroom headroom, Set<String> moving,
                                              Hysteresis hysteresis, Instant now) {
        long coolNeed = host.capacityMb() * hysteresis.coolPercent() / 100;
        long excess = headroom.plannedNeedMb(host.hostId()) - coolNeed;
        List<VmSnapshot> movable = host.vms().stream().filter(vm -> !moving.contains(vm.vmId())).toList();
        List<VmSnapshot> covering = movable.stream().filter(vm -> vm.needMb() >= excess)
                .sorted(Comparator.comparingLong(VmSnapshot::needMb).thenComparingInt(VmSnapshot::weight)
                        .thenComparing(VmSnapshot::vmId)).toList();
        List<VmSnapshot> partial = movable.stream().filter(vm -> vm.needMb() < excess)
                .sorted(Comparator.comparingLong(VmSnapshot::needMb).reversed()
                        .thenComparingInt(VmSnapshot::weight).thenComparing(VmSnapshot::vmId)).toList();
        List<VmSnapshot> candidates = new ArrayList<>(covering);
        candidates.addAll(partial);
        for (VmSnapshot vm : candidates) {
            List<HostCandidate> destinations = hosts.stream().filter(d -> !d.hostId().equals(host.hostId()))
                    .map(d -> headroom.candidateFor(vm, d.hostId(), heat.get(d.hostId()).hot(),
                            hysteresis.destinationPercent()))
                    .toList();
            Placement.Decision destination = DESTINATIONS.choose(destinations, vm.placementRequest());
            if (destination.placed()) {
                HostSnapshot to = hosts.stream().filter(d -> d.hostId().equals(destination.hostId())).findFirst()
                        .orElseThrow();
                long seconds = Duration.between(hostHeat.aboveSince(), now).toSeconds();
                String reason = host.hostId() + " at " + host.pressure() + " % of its memory (hot from "
                        + hysteresis.thresholdPercent() + " %) for " + seconds + " s; moving " + vm.vmId() + " ("
                        + vm.needMb() + " MB needed) takes it to "
                        + pressure(headroom.plannedNeedMb(host.hostId()) - vm.needMb(), host) + " % and "
                        + to.hostId() + " to " + pressure(headroom.plannedNeedMb(to.hostId()) + vm.targetMb(), to)
                        + " %";
                String decisionId = host.hostId() + "@" + hostHeat.aboveSince().toEpochMilli() + "#"
                        + (hostHeat.decisions() + 1);
                return Optional.of(new Rebalance(decisionId, vm.vmId(), host.hostId(), to.hostId(), reason,
                        host.pressure(), vm.demandMb()));
            }
        }
        return Optional.empty();
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
