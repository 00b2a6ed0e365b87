package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;

import java.io.Serializable;

/**
 * Defining VMs and moving them through Hyper-V's power states: define, start, shut down, turn off, restart,
 * pause, save, resume, delete, the processor count, and the timed transitions (boot, shutdown, save, restore).
 */
final class VmLifecycle implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A VM's power state and when its current boot began; changed only here. */
    static final class Power implements Serializable {
        private static final long serialVersionUID = 1L;

        private VmState state = VmState.OFF;
        private long stateSince;
        /** Power-on time of the current boot; boot steps are timed from it. -1 while the guest is not up. */
        private long bootedAt = -1;

        VmState state() {
            return state;
        }

        long bootedAt() {
            return bootedAt;
        }

        long sinceBoot(long now) {
            return bootedAt < 0 ? -1 : now - bootedAt;
        }

        void guestGone() {
            bootedAt = -1;
        }
    }

    private final HostContext host;
    private final IntegrationServices services;
    private final DynamicMemory memory;

    VmLifecycle(HostContext host, IntegrationServices services, DynamicMemory memory) {
        this.host = host;
        this.services = services;
        this.memory = memory;
    }

    /** Creates a VM (Off). Rejects what the guest or host cannot run, naming the feature. */
    SimulatedVm define(String vmId, VmSpec vm) {
        return define(vmId, vm, Double.NaN);
    }

    /** As {@link #define(String, VmSpec)}, for a guest whose workload is already at {@code workloadPhase} (NaN: new). */
    SimulatedVm define(String vmId, VmSpec vm, double workloadPhase) {
        requireDefinable(vmId, vm);
        BalloonDriver balloon = memory.balloonDriverFor(vm.guest(), vm.memory());
        double drawn = host.random.nextDouble(); // drawn either way: the host's later draws stay the same
        SimulatedVm defined = new SimulatedVm(vmId, vm, ChannelLayout.of(vmId, vm, host.spec.version(), host.matrix),
                Double.isNaN(workloadPhase) ? drawn : workloadPhase, 5 + host.random.nextDouble() * 45, balloon);
        host.add(defined);
        return defined;
    }

    /** Rejects a VM this host cannot define: an id it has, or what the guest or host cannot run. */
    void requireDefinable(String vmId, VmSpec vm) {
        if (host.contains(vmId)) {
            throw new CommandRejected("VM " + vmId + " already exists on host " + host.spec.hostId());
        }
        Guest guest = vm.guest();
        if (vm.generation() != 1 && vm.generation() != 2) {
            throw new CommandRejected("generation must be 1 or 2, was " + vm.generation());
        }
        if (vm.generation() == 2) {
            host.requireFeature(guest, Feature.UEFI_BOOT, "a generation 2 VM");
        }
        if (vm.secureBoot()) {
            if (vm.generation() != 2) {
                throw new CommandRejected("Secure Boot needs a generation 2 VM", Feature.SECURE_BOOT);
            }
            host.requireFeature(guest, Feature.SECURE_BOOT, "Secure Boot");
        }
        host.requireVcpus(vm.vcpus());
        if (guest.bits() == 32 && !"supported".equals(host.matrix.cell(guest.linux(), Feature.PAE).status())) {
            throw new CommandRejected(guest + " ships only 64-bit kernels (PAE: "
                    + host.matrix.cell(guest.linux(), Feature.PAE).status() + ")", Feature.PAE);
        }
        memory.requireSupported(guest, vm.memory());
    }

    /** Powers the VM on: its startup memory must fit in what the host has free. */
    void start(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        require(vm, VmState.STARTING);
        long startup = vm.spec().memory().startupMb();
        host.requireFree(startup, vmId, "start");
        vm.memory.assign(startup);
        vm.power.bootedAt = host.now();
        move(vm, VmState.STARTING, "start");
    }

    /** Turns the VM off at once, like pulling the plug. */
    void turnOff(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        require(vm, VmState.OFF);
        powerOff(vm, "turned off");
    }

    /**
     * Shuts the guest down through the shutdown integration service. Without it, {@code force} turns the VM off
     * instead; otherwise the command is refused.
     */
    void shutDown(String vmId, boolean force) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() == VmState.RUNNING && vm.services.icNegotiated() && vm.opened(DeviceClass.SHUTDOWN)) {
            move(vm, VmState.STOPPING, "shutdown integration service");
            return;
        }
        if (force) {
            require(vm, VmState.OFF);
            powerOff(vm, "forced off: no shutdown integration service answered");
            return;
        }
        throw new CommandRejected("VM " + vmId + " cannot be shut down gracefully: the shutdown integration service "
                + "is not running in " + vm.guest(), Feature.CORE);
    }

    /**
     * Restarts the guest with its startup memory. When the host cannot back all of it, Smart Paging bridges the
     * gap between what is free and startup (only on restart).
     */
    void restart(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        require(vm, VmState.RESETTING);
        long freeAfterRelease = host.freeMemoryMb() + vm.memory.physicalMb();
        vm.guestGone();
        move(vm, VmState.RESETTING, "restart");
        long paged = vm.memory.restartWith(vm.spec().memory().startupMb(), freeAfterRelease);
        if (paged > 0) {
            host.emit(new EngineEvent.SmartPagingStarted(host.now(), vmId, paged));
        }
        vm.power.bootedAt = host.now();
        move(vm, VmState.STARTING, "restart");
    }

    void pause(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        require(vm, VmState.PAUSED);
        move(vm, VmState.PAUSED, "pause");
    }

    /** Saves a running or paused VM to disk; its memory returns to the host when saved. */
    void save(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        require(vm, VmState.SAVING);
        move(vm, VmState.SAVING, "save");
    }

    /** Resumes a paused VM, or restores a saved one (time sync then sends SYNC). */
    void resume(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() == VmState.PAUSED) {
            move(vm, VmState.RUNNING, "resume");
            return;
        }
        require(vm, VmState.RESUMING);
        long startup = vm.spec().memory().startupMb();
        host.requireFree(startup, vmId, "resume");
        vm.memory.assign(startup);
        move(vm, VmState.RESUMING, "resume");
    }

    void delete(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() != VmState.OFF && vm.state() != VmState.SAVED) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state() + "; turn it off before deleting it");
        }
        host.remove(vmId);
    }

    /**
     * Changes the number of virtual processors (Set-VMProcessor -Count): only while the VM is off, within the
     * host's logical processors. VMBus channels are spread over the new vCPUs.
     */
    void setProcessorCount(String vmId, int vcpus) {
        SimulatedVm vm = host.vm(vmId);
        VmSpec spec = vm.spec();
        if (vcpus == spec.vcpus()) {
            return;
        }
        if (vm.state() != VmState.OFF) {
            throw new CommandRejected("the processor count of VM " + vmId + " can only change while it is off; it is "
                    + vm.state());
        }
        host.requireVcpus(vcpus);
        vm.respec(new VmSpec(spec.name(), spec.generation(), spec.secureBoot(), vcpus, spec.memory(), spec.disks(),
                spec.nics(), spec.guest(), spec.workload()));
        vm.services.relayout(ChannelLayout.of(vmId, vm.spec(), host.spec.version(), host.matrix));
        host.emit(new EngineEvent.ProcessorCountChanged(host.now(), vmId, vcpus));
    }

    /** The timed transitions of one tick: boot, guest shutdown, save and restore finishing. */
    void step(SimulatedVm vm) {
        long inState = host.now() - vm.power.stateSince;
        switch (vm.state()) {
            case STARTING -> {
                if (vm.power.sinceBoot(host.now()) >= BootTimeline.RUNNING) {
                    move(vm, VmState.RUNNING, "booted");
                }
            }
            case STOPPING -> {
                if (inState >= BootTimeline.SHUTDOWN) {
                    powerOff(vm, "guest shut down");
                }
            }
            case SAVING -> {
                if (inState >= BootTimeline.SAVE) {
                    vm.guestGone();
                    releaseMemory(vm); // the saved state is on disk, the paging file gone with the RAM
                    move(vm, VmState.SAVED, "saved");
                }
            }
            case RESUMING -> {
                if (inState >= BootTimeline.SAVE) {
                    move(vm, VmState.RUNNING, "restored");
                    vm.power.bootedAt = host.now() - BootTimeline.KVP_DAEMON; // the restored guest had everything up
                    services.connectGuest(vm, true);
                }
            }
            default -> {
            }
        }
    }

    /** A quickly migrated VM arrives saved, to be restored here. */
    void savedAfterMigration(SimulatedVm vm) {
        move(vm, VmState.SAVED, "quick migration in");
    }

    /** A live-migrated VM arrives running, every boot step long done. */
    void runningAfterMigration(SimulatedVm vm) {
        vm.power.bootedAt = host.now() - BootTimeline.DM_FIRST_STATUS;
        move(vm, VmState.RUNNING, "live migration in");
    }

    void powerOff(SimulatedVm vm, String reason) {
        vm.guestGone();
        releaseMemory(vm);
        services.poweredOff(vm);
        move(vm, VmState.OFF, reason);
    }

    private void releaseMemory(SimulatedVm vm) {
        if (vm.memory.release() > 0) {
            host.emit(new EngineEvent.SmartPagingEnded(host.now(), vm.vmId));
        }
    }

    private void require(SimulatedVm vm, VmState target) {
        if (!vm.state().canMoveTo(target)) {
            throw new CommandRejected("VM " + vm.vmId + " is " + vm.state() + " and cannot go to " + target);
        }
    }

    private void move(SimulatedVm vm, VmState to, String reason) {
        VmState from = vm.power.state;
        vm.power.state = to;
        vm.power.stateSince = host.now();
        host.emit(new EngineEvent.VmStateChanged(host.now(), vm.vmId, from, to, reason));
    }
}
