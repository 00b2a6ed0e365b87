package dev.hyperplane.memory.domain;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.guestsupport.GuestHosts;
import dev.hyperplane.placement.PlacementRequest;

import java.time.Duration;
import java.util.Set;

/**
 * One running VM in its host's latest memory sample, with what the fleet knows about it.
 *
 * @param demandMb    what the guest commits (its last Dynamic Memory status report)
 * @param startupMb   the VM's startup memory: all a static VM has
 * @param balloonOnly the guest's Dynamic Memory can balloon but not hot-add: it never holds more than startup
 * @param starvedFor  how long its pressure has been above 100 % without a break (zero when it is not)
 * @param hotAddFailed the guest did not online memory hot-added to it (the host no longer tries)
 * @param placement    what a destination must offer it besides memory: vCPUs, host version, anti-affinity
 */
public record VmSnapshot(String vmId, String tenantId, long assignedMb, long demandMb, long startupMb,
                         MemoryPlan plan, boolean balloonOnly, Duration starvedFor, boolean hotAddFailed,
                         PlacementNeeds placement) {

    /**
     * @param hostVersions      the host versions its guest runs on, as labels (the support tables' answer)
     * @param antiAffinityGroup null, or the tenant's group whose VMs must run on different hosts
     */
    public record PlacementNeeds(int vcpus, Set<String> hostVersions, String antiAffinityGroup) {
        /** What is assumed of a VM the balancer does not know (created around provisioning). */
        public static final PlacementNeeds UNKNOWN = new PlacementNeeds(1, GuestHosts.everyLabel(), null);
    }

    /** The VM as placement's rules see it, asking for room for what it needs. */
    public PlacementRequest placementRequest() {
        return new PlacementRequest(vmId, tenantId, placement.vcpus(), needMb(), placement.hostVersions(),
                placement.antiAffinityGroup());
    }

    /** The least the VM holds: its minimum with Dynamic Memory, else its startup memory. */
    public long floorMb() {
        return plan.enabled() ? plan.minimumMb() : startupMb;
    }

    /** The most the VM can hold: its maximum, or startup for a static or balloon-only VM. */
    public long ceilingMb() {
        if (!plan.enabled()) {
            return startupMb;
        }
        return balloonOnly ? Math.min(plan.maximumMb(), startupMb) : plan.maximumMb();
    }

    /** What the VM needs from its host: its demand kept within floor and ceiling. */
    public long needMb() {
        return Math.max(floorMb(), Math.min(ceilingMb(), demandMb));
    }

    /** What Hyper-V aims to give it: demand plus buffer, rounded up to 128 MB, within floor and ceiling. */
    public long targetMb() {
        if (!plan.enabled()) {
            return startupMb;
        }
        long wanted = MemoryMath.roundUp128((long) Math.ceil(demandMb * (1 + plan.bufferPercent() / 100.0)));
        return Math.max(floorMb(), Math.min(ceilingMb(), wanted));
    }

    /** Demand over assigned memory, in percent (Hyper-V's "Current Pressure"). */
    public int pressure() {
        return MemoryMath.percent(demandMb, assignedMb);
    }

    /** The weight under contention (Set-VMMemory -Priority). */
    public int weight() {
        return plan.priority();
    }
}
