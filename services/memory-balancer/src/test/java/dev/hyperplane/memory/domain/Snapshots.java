package dev.hyperplane.memory.domain;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.guestsupport.GuestHosts;

import java.time.Duration;
import java.util.List;

/** Short ways to write hosts and VMs in the balancing tables. */
final class Snapshots {
    /** Two vCPUs, any host version, no anti-affinity group. */
    static final VmSnapshot.PlacementNeeds NEEDS = new VmSnapshot.PlacementNeeds(2, GuestHosts.everyLabel(), null);

    /** A Dynamic Memory VM holding {@code assignedMb}, with a 20 % buffer. */
    static VmSnapshot dm(String id, int weight, long min, long startup, long max, long demand, long assigned) {
        return new VmSnapshot(id, "acme", assigned, demand, startup, new MemoryPlan(true, min, max, 20, weight),
                false, Duration.ZERO, false, NEEDS);
    }

    /** A Dynamic Memory VM at its target (no starvation). */
    static VmSnapshot dm(String id, int weight, long min, long startup, long max, long demand) {
        VmSnapshot vm = dm(id, weight, min, startup, max, demand, startup);
        return dm(id, weight, min, startup, max, demand, vm.targetMb());
    }

    static VmSnapshot balloonOnly(String id, long startup, long max, long demand) {
        return new VmSnapshot(id, "acme", startup, demand, startup, new MemoryPlan(true, 512, max, 20, 50), true,
                Duration.ZERO, false, NEEDS);
    }

    static VmSnapshot fixed(String id, long startup, long demand) {
        return new VmSnapshot(id, "acme", startup, demand, startup, MemoryPlan.fixed(startup), false, Duration.ZERO,
                false, NEEDS);
    }

    static VmSnapshot withBuffer(VmSnapshot vm, int buffer) {
        MemoryPlan p = vm.plan();
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(),
                new MemoryPlan(p.enabled(), p.minimumMb(), p.maximumMb(), buffer, p.priority()), vm.balloonOnly(),
                vm.starvedFor(), vm.hotAddFailed(), vm.placement());
    }

    static VmSnapshot starved(VmSnapshot vm, Duration since) {
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(), vm.plan(),
                vm.balloonOnly(), since, vm.hotAddFailed(), vm.placement());
    }

    static VmSnapshot hotAddFailed(VmSnapshot vm) {
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(), vm.plan(),
                vm.balloonOnly(), vm.starvedFor(), true, vm.placement());
    }

    /**
     * The VM with other placement needs: vCPUs, a WS2016+ host (the host versions of a Linux guest with Secure
     * Boot) or any, an anti-affinity group.
     */
    static VmSnapshot needing(VmSnapshot vm, int vcpus, boolean ws2016, String antiAffinityGroup) {
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(), vm.plan(),
                vm.balloonOnly(), vm.starvedFor(), vm.hotAddFailed(),
                new VmSnapshot.PlacementNeeds(vcpus, GuestHosts.labels("linux", null, "Ubuntu", "20.04", ws2016),
                        antiAffinityGroup));
    }

    /** An available WS2016 host with 64 logical processors. */
    static HostSnapshot host(String id, long capacity, VmSnapshot... vms) {
        return new HostSnapshot(id, capacity, true, "2016", 64, List.of(vms));
    }

    /** An available host, WS2016 or (not ws2016) WS2012 R2. */
    static HostSnapshot host(String id, long capacity, boolean ws2016, int logicalProcessors, VmSnapshot... vms) {
        return new HostSnapshot(id, capacity, true, ws2016 ? "2016" : "2012 R2", logicalProcessors, List.of(vms));
    }

    private Snapshots() {
    }
}
