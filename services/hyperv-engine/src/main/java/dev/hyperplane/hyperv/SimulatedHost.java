package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.LisMatrix;

import java.io.Serializable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A simulated Hyper-V host on a virtual clock: the one entry point of the engine. Commands change VMs at once or
 * start timed work; {@link #advance} moves the clock in one-second steps, running boot steps, integration
 * services and timers, and reports what happened to the listener. Same seed and same commands give the same
 * events.
 * <p>
 * Each feature is a class of its own holding the per-VM state it owns: {@link VmLifecycle} (definition and power
 * states), {@link IntegrationServices} (VMBus, heartbeat, shutdown, time sync, KVP, file copy),
 * {@link DynamicMemory}, {@link LiveBackups}, {@link LiveMigrations}, {@link Video}, {@link Faults} (panic and
 * kdump, power loss) and the {@link VirtualClock}. This class only routes commands and orders each tick.
 */
public final class SimulatedHost implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default migration link: 1 GbE. */
    public static final double ONE_GBE_MB_PER_S = 117;

    private final VirtualClock clock = new VirtualClock();
    private final HostContext host;
    private final IntegrationServices services;
    private final DynamicMemory memory;
    private final VmLifecycle lifecycle;
    private final VirtualDisks disks;
    private final LiveBackups backups;
    private final LiveMigrations migrations;
    private final Video video;
    private final Faults faults;

    public SimulatedHost(HostSpec spec, long seed, LisMatrix matrix, Consumer<EngineEvent> listener) {
        this.host = new HostContext(spec, matrix, new Random(seed), clock, listener);
        this.services = new IntegrationServices(host);
        this.memory = new DynamicMemory(host);
        this.lifecycle = new VmLifecycle(host, services, memory);
        this.disks = new VirtualDisks(host);
        this.backups = new LiveBackups(host, disks);
        this.migrations = new LiveMigrations(host, lifecycle, services);
        this.video = new Video(host);
        this.faults = new Faults(host, lifecycle, services, migrations);
    }

    /**
     * The host's whole state as bytes, its seeded randomness included: {@link #restore} of them runs on exactly as
     * this host does. Java serialization of the engine's own classes (each with a fixed serialVersionUID, so a
     * compatible change such as an added field still reads an older snapshot); the support tables and the
     * listener are not part of it.
     */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new IllegalStateException("host " + host.spec.hostId() + " cannot be snapshotted", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A host from {@link #snapshot} bytes, reporting to {@code listener}.
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot this engine can read (one taken by an
     *                                  incompatible version): the caller replays the host's log instead
     */
    public static SimulatedHost restore(byte[] snapshot, LisMatrix matrix, Consumer<EngineEvent> listener) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            in.setObjectInputFilter(SimulatedHost::engineClassesOnly);
            SimulatedHost restored = (SimulatedHost) in.readObject();
            restored.host.attach(matrix, listener);
            return restored;
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("not a snapshot this engine can read: " + e, e);
        }
    }

    /** Reads only what a snapshot holds: the engine's, the support tables' and the JDK's value classes. */
    private static ObjectInputFilter.Status engineClassesOnly(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null || type.isArray() || type.isPrimitive() || type.isEnum()) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        String name = type.getName();
        return name.startsWith("dev.hyperplane.hyperv.") || name.startsWith("dev.hyperplane.guestsupport.")
                || name.startsWith("java.util.") || name.startsWith("java.lang.")
                ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    public HostSpec spec() {
        return host.spec;
    }

    /** Virtual time in milliseconds since the host was created. */
    public long now() {
        return clock.now();
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    /** Creates a VM (Off). Rejects what the guest or host cannot run, naming the feature. */
    public void define(String vmId, VmSpec vm) {
        lifecycle.define(vmId, vm);
    }

    /** Powers the VM on: its startup memory must fit in what the host has free. */
    public void start(String vmId) {
        lifecycle.start(vmId);
    }

    /** Turns the VM off at once, like pulling the plug. */
    public void turnOff(String vmId) {
        lifecycle.turnOff(vmId);
        endMigrationUnlessRunning(vmId);
    }

    /**
     * Shuts the guest down through the shutdown integration service. Without it, {@code force} turns the VM off
     * instead; otherwise the command is refused.
     */
    public void shutDown(String vmId, boolean force) {
        lifecycle.shutDown(vmId, force);
        endMigrationUnlessRunning(vmId);
    }

    /** Restarts the guest with its startup memory; Smart Paging bridges what the host cannot back. */
    public void restart(String vmId) {
        lifecycle.restart(vmId);
        endMigrationUnlessRunning(vmId);
    }

    public void pause(String vmId) {
        lifecycle.pause(vmId);
        endMigrationUnlessRunning(vmId);
    }

    /** Saves a running or paused VM to disk; its memory returns to the host when saved. */
    public void save(String vmId) {
        lifecycle.save(vmId);
        endMigrationUnlessRunning(vmId);
    }

    /** Resumes a paused VM, or restores a saved one (time sync then sends SYNC). */
    public void resume(String vmId) {
        lifecycle.resume(vmId);
    }

    public void delete(String vmId) {
        lifecycle.delete(vmId);
    }

    /** Changes the number of virtual processors (Set-VMProcessor -Count): only while the VM is off. */
    public void setProcessorCount(String vmId, int vcpus) {
        lifecycle.setProcessorCount(vmId, vcpus);
    }

    // ---- integration services -----------------------------------------------------------------------------

    /** Writes an item to the VM's external KVP pool (host to guest). */
    public void setKvp(String vmId, String key, String value) {
        services.setKvp(vmId, key, value);
    }

    /** Copies a file from the host into the running guest (Copy-VMFile, Guest Service Interface). */
    public void copyFile(String vmId, String path, long bytes, boolean overwrite) {
        services.copyFile(vmId, path, bytes, overwrite);
    }

    // ---- memory -------------------------------------------------------------------------------------------

    /**
     * Changes memory settings. Off: anything valid. Running: Dynamic Memory cannot be switched on or off; with it
     * the maximum may rise and the minimum fall (WS2012+); anything else needs Runtime Memory Resize (WS2016+).
     */
    public void setMemory(String vmId, MemorySettings settings) {
        memory.setMemory(vmId, settings);
    }

    /** Whether every DM status report becomes a {@link EngineEvent.DmStatusReported} (off by default). */
    public void reportDmStatus(boolean enabled) {
        memory.reportDmStatus(enabled);
    }

    /** What the guest runs from now on, e.g. a memory hog (simulation control: demand is a workload property). */
    public void setWorkload(String vmId, Workload workload) {
        memory.setWorkload(vmId, workload);
    }

    // ---- backup, migration, video -------------------------------------------------------------------------

    /**
     * Takes a backup: a checkpoint, application- or file-system-consistent through the guest's VSS when it can, else
     * crash-consistent (offline for an Off or Saved VM), then its disks read, in full or what changed since the last
     * backup where the host tracks changes.
     *
     * @return the backup id reported in {@link EngineEvent.BackupCompleted}
     */
    public String backup(String vmId) {
        return backups.backup(vmId, null);
    }

    /** A backup under the caller's id, which {@link EngineEvent.BackupCompleted} and later ones' basedOn report. */
    public String backup(String vmId, String backupId) {
        return backups.backup(vmId, backupId);
    }

    /** Writes a restore point's disk content onto an Off VM: a restore in place, or a new VM's disks before start. */
    public void restoreDisks(String vmId, List<DiskImage> images) {
        disks.restore(vmId, images);
    }

    /** Whether this host tracks changed blocks for backups (RCT, Windows Server 2016 and later). */
    public boolean tracksChanges() {
        return disks.tracksChanges();
    }

    /**
     * Starts a live migration of a running VM to {@code destination} (which has {@link #reserveIncoming reserved}
     * it): pre-copy passes over the host's transport on a link of {@code linkMbPerSec} shared by this host's
     * migrations, judged after each pass by {@code convergence}. Ends in {@link EngineEvent.MigrationReadyForHandOff}
     * (the VM frozen here: the destination {@link #acceptIn accepts} it, then {@link #completeMigrationOut}) or in
     * {@link EngineEvent.MigrationFailed}.
     */
    public void migrateOut(String vmId, String destination, double linkMbPerSec,
                           LiveMigration.Convergence convergence) {
        migrations.migrateOut(vmId, destination, linkMbPerSec, convergence);
    }

    /** {@link #migrateOut(String, String, double, LiveMigration.Convergence)} as Hyper-V converges by itself. */
    public void migrateOut(String vmId, String destination, double linkMbPerSec) {
        migrateOut(vmId, destination, linkMbPerSec, LiveMigration.Convergence.hyperV(host.spec.version()
                .maxMigrationPasses()));
    }

    /**
     * Starts a quick migration to {@code destination} (which has {@link #reserveIncoming reserved} the VM's startup
     * memory): the VM is saved; once saved, {@link EngineEvent.MigrationReadyForHandOff} hands its saved state to the
     * destination, whose {@link #acceptIn} restores it.
     */
    public void quickMigrateOut(String vmId, String destination) {
        migrations.quickOut(vmId, destination);
    }

    /** The destination's first step: holds {@code memoryMb} for the VM, if this host can run it and has room. */
    public void reserveIncoming(String vmId, VmSpec vm, long memoryMb) {
        migrations.reserveIncoming(vmId, vm, memoryMb);
    }

    /** Lets go of a reservation whose migration ended otherwise; nothing when there is none. */
    public void releaseIncoming(String vmId) {
        migrations.releaseIncoming(vmId);
    }

    /** Memory reserved for VMs migrating in. */
    public long reservedMb() {
        return host.reservedMb();
    }

    /** Receives a live-migrated VM into its reservation: it runs here at once, its integration services up. */
    public void acceptIn(MigratedVm incoming) {
        migrations.acceptIn(incoming);
    }

    /**
     * The destination of a hand-off between two agents takes the VM's state without running it yet: its reservation
     * grows to what the VM holds, so the {@link #acceptIn} after the source commits cannot fail for memory.
     */
    public void holdForHandOff(MigratedVm incoming) {
        migrations.holdForHandOff(incoming);
    }

    /** What the VM hands to its destination while frozen at the blackout of its migration; empty otherwise. */
    public Optional<MigratedVm> handOff(String vmId) {
        return migrations.handOff(vmId);
    }

    /** The destination accepted the VM: it leaves this host and its memory returns. */
    public void completeMigrationOut(String vmId) {
        completeMigrationOut(vmId, 0);
    }

    /**
     * As {@link #completeMigrationOut(String)}, after the VM waited frozen {@code handOffWaitMs} for a destination
     * on another agent to take its state (the messages there and back): that wait is downtime too.
     */
    public void completeMigrationOut(String vmId, long handOffWaitMs) {
        migrations.completeOut(vmId, handOffWaitMs);
    }

    /** Ends the VM's live migration (cancelled, or its hand-off refused); it runs on here. Nothing if none runs. */
    public void abortMigration(String vmId, String reason) {
        migrations.abort(vmId, reason);
    }

    public boolean migrating(String vmId) {
        return migrations.migrating(vmId);
    }

    /** Whether the VM is frozen at the hand-off of its live migration, waiting for its destination. */
    public boolean atHandOff(String vmId) {
        return migrations.atHandOff(vmId);
    }

    public boolean holdsReservation(String vmId) {
        return host.reservedFor(vmId) > 0;
    }

    /** Sets the guest's display resolution (Set-VMVideo); needs the synthetic video driver in Linux guests. */
    public void setVideoResolution(String vmId, int width, int height) {
        video.setResolution(vmId, width, height);
    }

    // ---- faults -------------------------------------------------------------------------------------------

    /** The guest kernel panics: kdump takes over when guest and host allow, then the VM reboots. */
    public void panic(String vmId) {
        faults.panic(vmId);
        endMigrationUnlessRunning(vmId);
    }

    /** The host loses power: every VM is off at once, migrations fail, running backups are lost. */
    public void powerLoss() {
        faults.powerLoss();
    }

    /** The guest stops answering heartbeats (hung kernel) or starts again. */
    public void stallHeartbeat(String vmId, boolean stalled) {
        services.stallHeartbeat(vmId, stalled);
    }

    /** The guest's hv_kvp_daemon dies: the host no longer gets intrinsic items. */
    public void stopKvpDaemon(String vmId) {
        services.stopKvpDaemon(vmId);
    }

    /** The guest's hv_vss_daemon stops ({@code stopped} true) or runs again. */
    public void stopVssDaemon(String vmId, boolean stopped) {
        backups.stopVssDaemon(vmId, stopped);
    }

    public void stopVssDaemon(String vmId) {
        stopVssDaemon(vmId, true);
    }

    /** The guest's file-system freeze never returns (e.g. a hung mount), or returns again. */
    public void hangFreeze(String vmId, boolean hangs) {
        backups.hangFreeze(vmId, hangs);
    }

    public void hangFreeze(String vmId) {
        hangFreeze(vmId, true);
    }

    /** The guest's file-system freeze fails at once (a file system that cannot be frozen), or works again. */
    public void failFreeze(String vmId, boolean fails) {
        backups.failFreeze(vmId, fails);
    }

    /** The guest's next hot-add hits an address-map conflict: it reports success with 0 pages, for good. */
    public void failHotAdd(String vmId) {
        memory.failHotAdd(vmId);
    }

    /** The migration network goes down: every live migration from this host fails; VMs keep running here. */
    public void cutMigrationNetwork() {
        migrations.cutNetwork();
    }

    /** A power command or a panic ends the VM's live migration at once (Hyper-V cancels it). */
    private void endMigrationUnlessRunning(String vmId) {
        SimulatedVm vm = host.find(vmId);
        if (vm != null) {
            migrations.checkStillRunning(vm);
        }
    }

    // ---- time ---------------------------------------------------------------------------------------------

    /** Moves the virtual clock forward in one-second steps. */
    public void advance(Duration duration) {
        clock.advance(duration, this::tick);
    }

    /** One second: every VM in definition order, then Hyper-V's memory balancing over all of them. */
    private void tick() {
        for (SimulatedVm vm : host.snapshot()) {
            if (host.holds(vm)) {
                tick(vm);
            }
        }
        memory.balance();
    }

    private void tick(SimulatedVm vm) {
        backups.step(vm);
        lifecycle.step(vm);
        migrations.stepQuick(vm);
        migrations.checkStillRunning(vm);
        if (vm.state() == VmState.RUNNING) {
            runGuest(vm);
        }
        if (host.holds(vm)) {
            services.driftClock(vm);
        }
    }

    private void runGuest(SimulatedVm vm) {
        if (migrations.runGuest(vm)) {
            return; // frozen for the hand-off, or it left the host
        }
        if (faults.runGuest(vm)) {
            return; // a panicked guest answers nothing
        }
        disks.runGuest(vm, vm.vss.frozen(now()));
        long sinceBoot = vm.power.sinceBoot(now());
        memory.runGuest(vm, sinceBoot);
        services.runGuest(vm, sinceBoot);
    }

    // ---- queries ------------------------------------------------------------------------------------------

    public VmView vmView(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        DynamicMemory.Allocation m = vm.memory;
        IntegrationServices.Connection c = vm.services;
        long demand = m.demandMb();
        int pressure = m.assignedMb() == 0 ? 0 : (int) Math.round(100.0 * demand / m.assignedMb());
        return new VmView(vmId, vm.spec(), vm.state(), m.assignedMb(), demand, pressure, m.balloonedMb(),
                m.smartPagingMb(), c.heartbeat(), c.heartbeatSequence(), c.intrinsicKvp(), c.externalKvp(),
                c.channels(), Math.round(c.guestClockOffsetMs() * 1000) / 1000.0, vm.display.width(),
                vm.display.height(), !(c.icNegotiated() && vm.opened(DeviceClass.VIDEO)), vm.disks().images());
    }

    public Collection<String> vmIds() {
        return host.vmIds();
    }

    /** Memory VMs may still get: physical less the root reserve less what running VMs hold. */
    public long freeMemoryMb() {
        return host.freeMemoryMb();
    }
}
