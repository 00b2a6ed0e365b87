package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory on the host: each VM's allocation, its workload's demand and guest out-of-memory, the Dynamic Memory
 * status reports of its balloon driver, memory settings changes, and Hyper-V's per-second balancing over the
 * VMs that report ({@link HostMemoryBalancer} decides, {@link BalloonDriver} answers).
 */
final class DynamicMemory implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A VM's memory as the host manages it; changed only through these operations. */
    static final class Allocation implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The guest's Dynamic Memory driver; {@code null} for static memory. */
        private BalloonDriver balloon;
        private long assignedMb;
        /** What the guest's workload has committed now. */
        private long workloadMb;
        /** Whether the workload commits more than the VM holds (an out-of-memory episode is under way). */
        private boolean outOfMemory;
        /** The committed figure of the guest's last DM status report; 0 before the first. */
        private long reportedDemandMb;
        /** Part of {@link #assignedMb} that lives in a Smart Paging file, not in host RAM. */
        private long smartPagingMb;

        Allocation(BalloonDriver balloon) {
            this.balloon = balloon;
        }

        long assignedMb() {
            return assignedMb;
        }

        long smartPagingMb() {
            return smartPagingMb;
        }

        /** Host RAM the VM holds (Smart Paging memory is on disk). */
        long physicalMb() {
            return assignedMb - smartPagingMb;
        }

        long balloonedMb() {
            return balloon == null ? 0 : balloon.balloonedMb();
        }

        /** What the guest needs: its last DM status report, else its workload's commitment. */
        long demandMb() {
            return balloon != null && reportedDemandMb > 0 ? reportedDemandMb : workloadMb;
        }

        /** Whether the host's balancer manages this VM now: DM channel open and status reports flowing. */
        boolean reporting() {
            return balloon != null && reportedDemandMb > 0;
        }

        void assign(long mb) {
            assignedMb = mb;
        }

        /**
         * Powered off or saved: nothing held any more, in RAM or in a paging file.
         *
         * @return MB that were in a Smart Paging file (its end is an event)
         */
        long release() {
            long paged = smartPagingMb;
            assignedMb = 0;
            smartPagingMb = 0;
            return paged;
        }

        /**
         * A restart takes startup memory again; Smart Paging backs what the host cannot (the VM keeps at least
         * its minimum, so its own memory plus what is free always covers it).
         *
         * @return MB now in a Smart Paging file
         */
        long restartWith(long startupMb, long freeAfterReleaseMb) {
            assignedMb = startupMb;
            smartPagingMb = Math.max(0, startupMb - freeAfterReleaseMb);
            return smartPagingMb;
        }

        void guestGone() {
            reportedDemandMb = 0;
            if (balloon != null) {
                balloon.guestGone();
            }
        }
    }

    private final HostContext host;
    private boolean reportDmStatus;

    DynamicMemory(HostContext host) {
        this.host = host;
    }

    /** Set-VMMemory's validation, and Dynamic Memory only for 64-bit guests that can balloon. */
    void requireSupported(Guest guest, MemorySettings settings) {
        settings.validate(!guest.isWindows());
        if (settings.dynamic()) {
            host.requireFeature(guest, Feature.DM_BALLOON, "Dynamic Memory");
            if (guest.bits() == 32) {
                throw new CommandRejected("Dynamic Memory needs a 64-bit Linux guest; " + guest + " runs 32-bit",
                        Feature.DM_BALLOON);
            }
        }
    }

    /** The guest's Dynamic Memory driver for these settings; {@code null} for static memory. */
    BalloonDriver balloonDriverFor(Guest guest, MemorySettings settings) {
        return settings.dynamic()
                ? new BalloonDriver(host.supports(guest, Feature.DM_HOTADD), !guest.isWindows())
                : null;
    }

    /** Whether every DM status report becomes a {@link EngineEvent.DmStatusReported} (off by default). */
    void reportDmStatus(boolean enabled) {
        reportDmStatus = enabled;
    }

    /**
     * Changes memory settings. Off: anything valid. Running: Dynamic Memory cannot be switched on or off; with it
     * the maximum may rise and the minimum fall (WS2012+); anything else — including resizing static memory —
     * needs Runtime Memory Resize (WS2016+ host and guest support).
     */
    void setMemory(String vmId, MemorySettings settings) {
        SimulatedVm vm = host.vm(vmId);
        Guest guest = vm.guest();
        Allocation allocation = vm.memory;
        settings.validate(!guest.isWindows());
        MemorySettings current = vm.spec().memory();
        if (settings.dynamic() != current.dynamic()) {
            if (vm.state() != VmState.OFF) {
                throw new CommandRejected("Dynamic Memory can only be switched on or off while VM " + vmId
                        + " is off");
            }
            if (settings.dynamic()) {
                host.requireFeature(guest, Feature.DM_BALLOON, "Dynamic Memory");
            }
        }
        if (vm.state() != VmState.OFF) {
            boolean onlyWidens = settings.dynamic() && settings.startupMb() == current.startupMb()
                    && settings.maximumMb() >= current.maximumMb() && settings.minimumMb() <= current.minimumMb();
            if (!onlyWidens) {
                host.requireFeature(guest, Feature.RUNTIME_RESIZE, "Changing memory of running VM " + vmId
                        + " beyond raising maximum or lowering minimum");
                long more = settings.startupMb() - allocation.assignedMb;
                if (!settings.dynamic() && more > host.freeMemoryMb()) {
                    throw new CommandRejected("host " + host.spec.hostId() + " has " + host.freeMemoryMb()
                            + " MB free, " + more + " MB more needed");
                }
                if (!settings.dynamic()) {
                    allocation.assignedMb = settings.startupMb();
                }
            }
        }
        VmSpec spec = vm.spec();
        vm.respec(new VmSpec(spec.name(), spec.generation(), spec.secureBoot(), spec.vcpus(), settings, spec.disks(),
                spec.nics(), guest, spec.workload()));
        if (settings.dynamic() != current.dynamic()) { // only while off, checked above
            allocation.balloon = balloonDriverFor(guest, settings);
            vm.services.relayout(ChannelLayout.of(vmId, vm.spec(), host.spec.version(), host.matrix));
        }
        host.emit(new EngineEvent.MemorySettingsChanged(host.now(), vmId, settings));
    }

    /** What the guest runs from now on, e.g. a memory hog (simulation control: demand is a workload property). */
    void setWorkload(String vmId, Workload workload) {
        SimulatedVm vm = host.vm(vmId);
        VmSpec spec = vm.spec();
        vm.respec(new VmSpec(spec.name(), spec.generation(), spec.secureBoot(), spec.vcpus(), spec.memory(),
                spec.disks(), spec.nics(), spec.guest(), workload));
    }

    /** The guest's next hot-add hits an address-map conflict: it reports success with 0 pages, for good. */
    void failHotAdd(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.memory.balloon == null) {
            throw new CommandRejected("VM " + vmId + " does not use Dynamic Memory");
        }
        vm.memory.balloon.failNextHotAdd();
    }

    /**
     * One second of a running guest: the workload commits memory (more than the VM holds is a guest
     * out-of-memory, once per episode), and 45 s after the balloon driver loaded it reports its pressure.
     */
    void runGuest(SimulatedVm vm, long sinceBoot) {
        Allocation allocation = vm.memory;
        long now = host.now();
        long startup = vm.spec().memory().startupMb();
        allocation.workloadMb = vm.spec().workload().demandMb(startup, now / 1000, vm.phase);
        boolean outOfMemory = allocation.workloadMb > allocation.assignedMb;
        if (outOfMemory && !allocation.outOfMemory) {
            host.emit(new EngineEvent.GuestOutOfMemory(now, vm.vmId, allocation.workloadMb, allocation.assignedMb));
        }
        allocation.outOfMemory = outOfMemory;
        if (allocation.balloon != null && sinceBoot >= BootTimeline.DM_FIRST_STATUS
                && vm.opened(DeviceClass.DYNAMIC_MEMORY)) {
            allocation.reportedDemandMb = allocation.balloon.committedMb(allocation.workloadMb, startup);
            if (reportDmStatus) {
                long assigned = allocation.assignedMb;
                host.emit(new EngineEvent.DmStatusReported(now, vm.vmId, allocation.reportedDemandMb, assigned,
                        (int) Math.round(100.0 * allocation.reportedDemandMb / Math.max(1, assigned))));
            }
        }
    }

    /** Hyper-V's per-second Dynamic Memory balancing over the VMs whose balloon drivers report. */
    void balance() {
        List<HostMemoryBalancer.Entry> entries = new ArrayList<>();
        for (SimulatedVm vm : host.vms()) {
            if (vm.state() == VmState.RUNNING && vm.memory.reporting()) {
                entries.add(entry(vm, vm.memory.reportedDemandMb));
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        HostMemoryBalancer.shrinks(entries).forEach(this::apply);
        List<HostMemoryBalancer.Entry> updated = entries.stream()
                .map(e -> entry(host.find(e.vmId()), e.demandMb())).toList();
        HostMemoryBalancer.grows(updated, host.freeMemoryMb()).forEach(this::apply);
    }

    private static HostMemoryBalancer.Entry entry(SimulatedVm vm, long demandMb) {
        MemorySettings m = vm.spec().memory();
        BalloonDriver balloon = vm.memory.balloon;
        long floor = balloon.linux() ? BalloonDriver.floorMb(balloon.onlineMb(m.startupMb())) : 0;
        return new HostMemoryBalancer.Entry(vm.vmId, demandMb, vm.memory.assignedMb, m.startupMb(), m.minimumMb(),
                m.maximumMb(), m.bufferPercent(), m.priority(), balloon.canHotAddNow(), floor);
    }

    private void apply(HostMemoryBalancer.Move move) {
        SimulatedVm vm = host.find(move.vmId());
        Allocation allocation = vm.memory;
        BalloonDriver driver = allocation.balloon;
        long now = host.now();
        if (move.deltaMb() < 0) {
            long requested = -move.deltaMb();
            long given = driver.balloon(requested, allocation.assignedMb, allocation.workloadMb,
                    vm.spec().memory().startupMb(), host.random);
            if (given > 0) {
                allocation.assignedMb -= given;
                long fromPaging = Math.min(given, allocation.smartPagingMb);
                allocation.smartPagingMb -= fromPaging;
                host.emit(new EngineEvent.MemoryMoved(now, vm.vmId, "balloon", requested, given,
                        allocation.assignedMb));
                if (fromPaging > 0 && allocation.smartPagingMb == 0) {
                    host.emit(new EngineEvent.SmartPagingEnded(now, vm.vmId));
                }
            }
            return;
        }
        long remaining = move.deltaMb();
        long returned = driver.unballoon(remaining);
        if (returned > 0) {
            allocation.assignedMb += returned;
            remaining -= returned;
            host.emit(new EngineEvent.MemoryMoved(now, vm.vmId, "unballoon", move.deltaMb(), returned,
                    allocation.assignedMb));
        }
        if (remaining >= BalloonDriver.GRANULE_MB) {
            boolean wasFailed = driver.hotAddPermanentlyFailed();
            long added = driver.hotAdd(remaining);
            if (added > 0) {
                allocation.assignedMb += added;
                host.emit(new EngineEvent.MemoryMoved(now, vm.vmId, "hot-add", remaining, added,
                        allocation.assignedMb));
            } else if (!wasFailed && driver.hotAddPermanentlyFailed()) {
                host.emit(new EngineEvent.HotAddFailed(now, vm.vmId, true,
                        "the guest reported success with 0 pages: hot-add is impossible (address map conflict)"));
            }
        }
    }
}
