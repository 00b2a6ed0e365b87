package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Live migration out of and into this host, reserve first: the destination {@link #reserveIncoming reserves} the
 * VM's memory before the source starts; the source runs pre-copy passes one at a time ({@link LiveMigration}
 * decides after each), sharing its migration link between its migrations; at the blackout the VM stays here,
 * frozen, until the destination has {@link #acceptIn accepted} it and the source is told to
 * {@link #completeOut complete}. So there is never a moment with no copy or two running copies, no memory is
 * freed before the destination holds the VM, and a hand-off the destination refuses leaves it running here.
 */
final class LiveMigrations implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A VM's outgoing migration, if one runs; changed only here. */
    static final class Outgoing implements Serializable {
        private static final long serialVersionUID = 1L;

        private Job job;
        /** A quick migration ended while the VM was being saved: it is restored here once saved. */
        private boolean restoreWhenSaved;

        boolean active() {
            return job != null;
        }
    }

    /** A live migration under way: where to, its schedule, the pass in flight and what the passes left dirty. */
    private static final class Job implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String destination;
        private final LiveMigration.Convergence convergence;
        private final double linkMbPerSec;
        private final List<Long> dirtied = new ArrayList<>();
        private int pass;
        private int step;
        private long passStartedAt;
        private long passMb;
        private double passMbPerSec;
        /** Set at the blackout: what the destination accepts; the VM is frozen until completed or aborted. */
        private MigratedVm handOff;
        private long downtimeMs;
        /** A quick migration: saved here, restored there; {@code passStartedAt} is when the save began. */
        private boolean quick;

        private Job(String destination, LiveMigration.Convergence convergence, double linkMbPerSec) {
            this.destination = destination;
            this.convergence = convergence;
            this.linkMbPerSec = linkMbPerSec;
        }

        private long passEndsAt() {
            return passStartedAt + Math.round(passMb / passMbPerSec * 1000);
        }
    }

    private final HostContext host;
    private final VmLifecycle lifecycle;
    private final IntegrationServices services;

    LiveMigrations(HostContext host, VmLifecycle lifecycle, IntegrationServices services) {
        this.host = host;
        this.lifecycle = lifecycle;
        this.services = services;
    }

    void migrateOut(String vmId, String destination, double linkMbPerSec, LiveMigration.Convergence convergence) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() != VmState.RUNNING) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state() + "; only running VMs migrate live");
        }
        host.requireFeature(vm.guest(), Feature.LIVE_MIGRATION, "Live migration");
        if (vm.migration.active()) {
            throw new CommandRejected("VM " + vmId + " is already migrating");
        }
        long running = host.vms().stream().filter(v -> v.migration.active()).count();
        HostSpec spec = host.spec;
        if (running >= spec.migration().simultaneous()) {
            throw new CommandRejected("host " + spec.hostId() + " already runs " + running
                    + " live migrations, its limit");
        }
        Job job = new Job(destination, convergence, linkMbPerSec);
        vm.migration.job = job;
        startPass(job, vm.memory.assignedMb(), host.now());
    }

    /**
     * Quick migration (Hyper-V's, over shared storage): the VM is saved here, its saved state handed to the
     * destination, which restores it. The VM is down from the save to the end of the restore, and never runs in
     * two places; the destination reserved its startup memory first.
     */
    void quickOut(String vmId, String destination) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() != VmState.RUNNING && vm.state() != VmState.PAUSED) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state() + "; only a running or paused VM migrates");
        }
        if (vm.migration.active()) {
            throw new CommandRejected("VM " + vmId + " is already migrating");
        }
        Job job = new Job(destination, null, 0);
        job.quick = true;
        job.passStartedAt = host.now();
        vm.migration.job = job;
        lifecycle.save(vmId);
    }

    /** One second of a quick migration: once saved, the VM is ready for its destination (or restored here). */
    void stepQuick(SimulatedVm vm) {
        if (vm.migration.restoreWhenSaved && vm.state() == VmState.SAVED) {
            vm.migration.restoreWhenSaved = false;
            lifecycle.resume(vm.vmId);
        }
        Job job = vm.migration.job;
        if (job == null || !job.quick || job.handOff != null || vm.state() != VmState.SAVED) {
            return;
        }
        job.downtimeMs = host.now() - job.passStartedAt + BootTimeline.SAVE; // the save, then the restore there
        job.handOff = new MigratedVm(vm.vmId, vm.spec(), vm.spec().memory().startupMb(),
                vm.services.heartbeatSequence(), vm.services.externalKvp(), true, VirtualDisks.carried(vm.disks()),
                vm.phase);
        host.emit(new EngineEvent.MigrationReadyForHandOff(host.now(), vm.vmId, job.destination, 0, job.downtimeMs,
                job.handOff));
    }

    /**
     * The destination's first step: holds memory for the VM (counted as used from now on) after checking that this
     * host can run its guest at all, as defining it would.
     */
    void reserveIncoming(String vmId, VmSpec spec, long memoryMb) {
        if (host.reservedFor(vmId) > 0) {
            return; // reserved already: the same request again
        }
        lifecycle.requireDefinable(vmId, spec);
        host.requireFeature(spec.guest(), Feature.LIVE_MIGRATION, "Live migration");
        if (memoryMb > host.freeMemoryMb()) {
            throw new CommandRejected("host " + host.spec.hostId() + " has " + host.freeMemoryMb() + " MB free, VM "
                    + vmId + " holds " + memoryMb + " MB");
        }
        host.reserve(vmId, memoryMb);
    }

    void releaseIncoming(String vmId) {
        host.release(vmId);
    }

    /**
     * Receives a live-migrated VM into its reservation: it runs here at once, its integration services already up.
     * Refused without a reservation (lost with a power loss, or never made), or when the VM grew meanwhile by more
     * than this host has free.
     */
    void acceptIn(MigratedVm incoming) {
        String vmId = incoming.vmId();
        requireRoomFor(incoming);
        host.release(vmId);
        SimulatedVm vm = lifecycle.define(vmId, incoming.spec(), incoming.workloadPhase());
        vm.restoreDisks(VirtualDisks.arrived(incoming.disks(), incoming.spec()));
        services.migratedIn(vm, incoming);
        if (incoming.saved()) {
            lifecycle.savedAfterMigration(vm);
            lifecycle.resume(vmId); // restores it from the shared storage into the memory just released for it
            return;
        }
        vm.memory.assign(incoming.assignedMb());
        lifecycle.runningAfterMigration(vm);
        services.resumedAfterMigration(vm);
    }

    /**
     * The destination takes the VM's state at the blackout without running it yet (a hand-off between two agents,
     * where the source commits before the destination starts): its reservation grows to what the VM holds now, so
     * that the later {@link #acceptIn} cannot fail for memory.
     */
    void holdForHandOff(MigratedVm incoming) {
        requireRoomFor(incoming);
        host.reserve(incoming.vmId(), Math.max(host.reservedFor(incoming.vmId()), incoming.assignedMb()));
    }

    /** Refused without a reservation, or when the VM grew beyond it by more than this host has free. */
    private void requireRoomFor(MigratedVm incoming) {
        String vmId = incoming.vmId();
        long reserved = host.reservedFor(vmId);
        if (reserved == 0) {
            throw new CommandRejected("host " + host.spec.hostId() + " holds no reservation for VM " + vmId);
        }
        long extra = incoming.assignedMb() - reserved;
        if (extra > host.freeMemoryMb()) {
            throw new CommandRejected("host " + host.spec.hostId() + " has " + host.freeMemoryMb() + " MB free, VM "
                    + vmId + " grew by " + extra + " MB beyond its reservation");
        }
    }

    /** What the VM hands over, while it is frozen at the blackout of its migration out of this host. */
    Optional<MigratedVm> handOff(String vmId) {
        SimulatedVm vm = host.find(vmId);
        return vm == null || vm.migration.job == null ? Optional.empty() : Optional.ofNullable(vm.migration.job.handOff);
    }

    /** The destination runs the VM: the source lets go of it (and of its memory). */
    void completeOut(String vmId, long handOffWaitMs) {
        SimulatedVm vm = host.vm(vmId);
        Job job = vm.migration.job;
        if (job == null || job.handOff == null) {
            throw new CommandRejected("VM " + vmId + " is not at the hand-off of a live migration");
        }
        vm.migration.job = null;
        host.remove(vmId);
        long now = host.now();
        host.emit(new EngineEvent.VmStateChanged(now, vmId, vm.state(), VmState.OFF,
                (job.quick ? "quick" : "live") + " migration to " + job.destination));
        host.emit(new EngineEvent.MigratedOut(now, vmId, job.destination, job.pass,
                job.downtimeMs + Math.max(0, handOffWaitMs)));
    }

    /** Ends a live migration of the VM, if one runs; the VM goes on running here. */
    void abort(String vmId, String reason) {
        SimulatedVm vm = host.find(vmId);
        if (vm != null && vm.migration.job != null) {
            fail(vm, reason);
        }
    }

    boolean migrating(String vmId) {
        SimulatedVm vm = host.find(vmId);
        return vm != null && vm.migration.active();
    }

    boolean atHandOff(String vmId) {
        SimulatedVm vm = host.find(vmId);
        return vm != null && vm.migration.job != null && vm.migration.job.handOff != null;
    }

    /**
     * One second of a migrating VM: passes that ended are judged, the next one starts. True while the VM is frozen
     * at the hand-off (its guest does nothing until the hand-off completes or is refused).
     */
    boolean runGuest(SimulatedVm vm) {
        Job job = vm.migration.job;
        if (job == null) {
            return false;
        }
        while (job.handOff == null && vm.migration.job == job && host.now() >= job.passEndsAt()) {
            endPass(vm, job);
        }
        return job.handOff != null && vm.migration.job == job;
    }

    /** A migrating VM that is no longer running (stopped, paused, saved, panicked) cannot migrate any more. */
    void checkStillRunning(SimulatedVm vm) {
        Job job = vm.migration.job;
        if (job != null && job.quick) {
            if (vm.state() != VmState.SAVING && vm.state() != VmState.SAVED) {
                fail(vm, "the VM is " + vm.state() + " now");
            }
            return;
        }
        if (vm.migration.job != null && vm.state() != VmState.RUNNING) {
            fail(vm, "the VM is " + vm.state() + " now");
        } else if (vm.migration.job != null && vm.crash.panicked()) {
            fail(vm, "the guest panicked");
        }
    }

    private void endPass(SimulatedVm vm, Job job) {
        long endedAt = job.passEndsAt();
        double seconds = job.passMb / job.passMbPerSec;
        long dirty = Math.min(vm.memory.assignedMb(), Math.round(vm.spec().workload().dirtyMbPerSec() * seconds));
        job.dirtied.add(dirty);
        LiveMigration.Next next = LiveMigration.afterPass(job.convergence, job.step, job.dirtied, job.passMbPerSec);
        host.emit(new EngineEvent.MigrationPassCompleted(endedAt, vm.vmId, job.destination, job.pass, job.passMb,
                dirty, Math.round(seconds * 1000), next.allowedDowntimeMs()));
        switch (next.outcome()) {
            case HAND_OFF -> {
                job.downtimeMs = next.downtimeMs();
                job.handOff = new MigratedVm(vm.vmId, vm.spec(), vm.memory.assignedMb(),
                        vm.services.heartbeatSequence(), vm.services.externalKvp(), false,
                        VirtualDisks.carried(vm.disks()), vm.phase);
                host.emit(new EngineEvent.MigrationReadyForHandOff(host.now(), vm.vmId, job.destination, job.pass,
                        job.downtimeMs, job.handOff));
            }
            case FAIL -> fail(vm, next.reason());
            case NEXT_PASS -> {
                job.step = next.step();
                startPass(job, dirty, endedAt);
            }
        }
    }

    /** Starts the next pass; the host's link is shared by its migrations (the rate is fixed for the pass). */
    private void startPass(Job job, long mb, long at) {
        int sharing = Math.max(1, outgoing().size());
        job.pass++;
        job.passStartedAt = at;
        job.passMb = Math.max(1, mb);
        job.passMbPerSec = LiveMigration.rate(host.spec.migration().transport(), job.linkMbPerSec / sharing,
                idleCpuFraction());
    }

    /** Ends the migration; a quickly migrating VM is restored here (once its save is done). */
    private void fail(SimulatedVm vm, String reason) {
        Job job = vm.migration.job;
        vm.migration.job = null;
        host.emit(new EngineEvent.MigrationFailed(host.now(), vm.vmId, job.destination, reason));
        if (job.quick && vm.state() == VmState.SAVED) {
            lifecycle.resume(vm.vmId);
        } else if (job.quick && vm.state() == VmState.SAVING) {
            vm.migration.restoreWhenSaved = true;
        }
    }

    /** Fault: the migration network goes down; every live migration from this host fails, VMs keep running. */
    void cutNetwork() {
        for (SimulatedVm vm : host.vms()) {
            if (vm.migration.job != null) {
                fail(vm, "the migration network was cut");
            }
        }
    }

    /** The host lost power: what it held for incoming VMs is gone with it. */
    void dropReservations() {
        host.releaseAll();
    }

    private List<Job> outgoing() {
        return host.vms().stream().map(v -> v.migration.job).filter(j -> j != null && !j.quick && j.handOff == null)
                .toList();
    }

    /** CPU the running VMs leave idle, assuming each vCPU half busy (compression throttles to it). */
    private double idleCpuFraction() {
        long busy = host.vms().stream().filter(v -> v.state().guestRuns()).mapToLong(v -> v.spec().vcpus()).sum();
        return Math.max(0, 1 - busy * 0.5 / host.spec.logicalProcessors());
    }
}
