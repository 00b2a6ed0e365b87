package dev.hyperplane.memory.domain;

import dev.hyperplane.events.MemoryPlan;

import java.time.Duration;
import java.util.List;

/** Short ways to write hosts and VMs in the balancing tables. */
final class Snapshots {

    /** A Dynamic Memory VM holding {@code assignedMb}, with a 20 % buffer. */
    static VmSnapshot dm(String id, int weight, long min, long startup, long max, long demand, long assigned) {
        return new VmSnapshot(id, "acme", assigned, demand, startup, new MemoryPlan(true, min, max, 20, weight),
                false, Duration.ZERO, false);
    }

    /** A Dynamic Memory VM at its target (no starvation). */
    static VmSnapshot dm(String id, int weight, long min, long startup, long max, long demand) {
        VmSnapshot vm = dm(id, weight, min, startup, max, demand, startup);
        return dm(id, weight, min, startup, max, demand, vm.targetMb());
    }

    static VmSnapshot balloonOnly(String id, long startup, long max, long demand) {
        return new VmSnapshot(id, "acme", startup, demand, startup, new MemoryPlan(true, 512, max, 20, 50), true,
                Duration.ZERO, false);
    }

    static VmSnapshot fixed(String id, long startup, long demand) {
        return new VmSnapshot(id, "acme", startup, demand, startup, MemoryPlan.fixed(startup), false, Duration.ZERO,
                false);
    }

    static VmSnapshot withBuffer(VmSnapshot vm, int buffer) {
        MemoryPlan p = vm.plan();
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(),
                new MemoryPlan(p.enabled(), p.minimumMb(), p.maximumMb(), buffer, p.priority()), vm.balloonOnly(),
                vm.starvedFor(), vm.hotAddFailed());
    }

    static VmSnapshot starved(VmSnapshot vm, Duration since) {
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(), vm.plan(),
                vm.balloonOnly(), since, vm.hotAddFailed());
    }

    static VmSnapshot hotAddFailed(VmSnapshot vm) {
        return new VmSnapshot(vm.vmId(), vm.tenantId(), vm.assignedMb(), vm.demandMb(), vm.startupMb(), vm.plan(),
                vm.balloonOnly(), vm.starvedFor(), true);
    }

    static HostSnapshot host(String id, long capacity, VmSnapshot... vms) {
        return new HostSnapshot(id, capacity, true, List.of(vms));
    }

    private Snapshots() {
    }
}
