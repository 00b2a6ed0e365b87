package dev.hyperplane.memory.domain;

import dev.hyperplane.placement.HostCandidate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each host has room for during one round, moves in flight and moves decided this round included. A
 * destination offers a VM the lesser of two rooms:
 * <ul>
 *   <li>below its limit ({@link Hysteresis#destinationPercent}): its projected need or its recent peak, whichever
 *       is higher, plus the VM's need and Dynamic Memory buffer (what Hyper-V will aim to give it there) stays at
 *       or below it, so the move never makes it the next hot host, now or when its own VMs swing back up;</li>
 *   <li>free now: what its VMs hold (their buffers included) and the reservations of moves on their way leave free
 *       must cover what the VM holds, or the destination refuses the reservation.</li>
 * </ul>
 */
final class Headroom {
    private final Map<String, HostSnapshot> hosts = new HashMap<>();
    private final Map<String, Long> plannedNeed = new HashMap<>();
    private final Map<String, Long> plannedPeak = new HashMap<>();
    private final Map<String, Long> incomingMb = new HashMap<>();
    private final Map<String, Set<String>> antiAffinityGroups = new HashMap<>();

    /**
     * @param projectedNeed each host's need as its trend projects it (what a source sheds from)
     * @param peakNeed      each host's need to keep room for as a destination: the higher of its projection and
     *                      its recent peak, so that a host in the trough of its swing does not look empty
     */
    Headroom(List<HostSnapshot> snapshots, Map<String, Long> projectedNeed, Map<String, Long> peakNeed) {
        for (HostSnapshot host : snapshots) {
            hosts.put(host.hostId(), host);
            long projected = projectedNeed.getOrDefault(host.hostId(), host.needMb());
            plannedNeed.put(host.hostId(), projected);
            plannedPeak.put(host.hostId(), Math.max(projected, peakNeed.getOrDefault(host.hostId(), projected)));
            incomingMb.put(host.hostId(), 0L);
            antiAffinityGroups.put(host.hostId(), host.vms().stream().map(v -> v.placementRequest().antiAffinityKey())
                    .filter(Objects::nonNull).collect(Collectors.toSet()));
        }
    }

    /** A VM leaving {@code from} for {@code to}: its need leaves one, its target and its reservation go to the other. */
    void move(VmSnapshot vm, String from, String to) {
        plannedNeed.computeIfPresent(from, (id, need) -> need - vm.needMb());
        plannedNeed.computeIfPresent(to, (id, need) -> need + vm.targetMb());
        plannedPeak.computeIfPresent(from, (id, need) -> need - vm.needMb());
        plannedPeak.computeIfPresent(to, (id, need) -> need + vm.targetMb());
        incomingMb.computeIfPresent(to, (id, mb) -> mb + vm.assignedMb());
    }

    long plannedNeedMb(String hostId) {
        return plannedNeed.get(hostId);
    }

    /** The host's planned need over its capacity, in percent. */
    int plannedPressure(String hostId) {
        return MemoryMath.percent(plannedNeed.get(hostId), hosts.get(hostId).capacityMb());
    }

    /** What is free on the host now for a reservation: capacity less what its VMs hold and moves on their way. */
    long freeNowMb(String hostId) {
        HostSnapshot host = hosts.get(hostId);
        return host.capacityMb() - host.assignedMb() - incomingMb.get(hostId);
    }

    /**
     * The host as placement's rules see it for {@code vm}, which asks for its need: the room it offers is the lesser
     * of its room below {@code limitPercent} of its capacity (counting the VM's buffer) and what it has free now
     * (counting what the VM holds beyond its need). An unavailable or hot host takes nothing.
     */
    HostCandidate candidateFor(VmSnapshot vm, String hostId, boolean hot, int limitPercent) {
        HostSnapshot host = hosts.get(hostId);
        long limit = host.capacityMb() * limitPercent / 100;
        long roomBelowLimit = limit - plannedPeak.get(hostId) - (vm.targetMb() - vm.needMb());
        long roomNow = freeNowMb(hostId) - (vm.assignedMb() - vm.needMb());
        return new HostCandidate(hostId, limit, limit - Math.min(roomBelowLimit, roomNow),
                host.windowsServerVersion(), host.logicalProcessors(), host.available() && !hot, host.vms().size(),
                antiAffinityGroups.get(hostId));
    }
}
