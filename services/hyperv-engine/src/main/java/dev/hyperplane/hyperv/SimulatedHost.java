package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A simulated Hyper-V host on a virtual clock. Commands change VMs at once or start timed work; {@link #advance}
 * moves the clock in one-second steps, running boot steps, integration services and timers, and reports what
 * happened to the listener. Same seed and same commands give the same events.
 */
public final class SimulatedHost {
    private static final long TICK_MS = 1_000;
    /** Crash kernel loaded after a panic. */
    static final long CRASH_KERNEL_MS = 5_000;
    /** Crash kernel wrote its dump (kdump). */
    static final long DUMP_WRITTEN_MS = 20_000;
    /** A hung guest is reset by the host after this (no dump possible). */
    static final long HANG_RESET_MS = 60_000;
    /** Linux VSS daemon freeze timeout of the 2013-era driver. */
    static final long FREEZE_TIMEOUT_MS = 10_000;
    /** Default migration link: 1 GbE. */
    public static final double ONE_GBE_MB_PER_S = 117;

    private int backups;
    private boolean reportDmStatus;

    private final HostSpec spec;
    private final LisMatrix matrix;
    private final Random random;
    private final Consumer<EngineEvent> listener;
    private final Map<String, SimulatedVm> vms = new LinkedHashMap<>();
    private long now;

    public SimulatedHost(HostSpec spec, long seed, LisMatrix matrix, Consumer<EngineEvent> listener) {
        this.spec = spec;
        this.matrix = matrix;
        this.random = new Random(seed);
        this.listener = listener;
    }

    public HostSpec spec() {
        return spec;
    }

    /** Virtual time in milliseconds since the host was created. */
    public long now() {
        return now;
    }

    // ---- commands -----------------------------------------------------------------------------------------

    /** Creates a VM (Off). Rejects what the guest or host cannot run, naming the feature. */
    public void define(String vmId, VmSpec vm) {
        if (vms.containsKey(vmId)) {
            throw new CommandRejected("VM " + vmId + " already exists on host " + spec.hostId());
        }
        Guest guest = vm.guest();
        if (vm.generation() != 1 && vm.generation() != 2) {
            throw new CommandRejected("generation must be 1 or 2, was " + vm.generation());
        }
        if (vm.generation() == 2) {
            requireFeature(guest, Feature.UEFI_BOOT, "a generation 2 VM");
        }
        if (vm.secureBoot()) {
            if (vm.generation() != 2) {
                throw new CommandRejected("Secure Boot needs a generation 2 VM", Feature.SECURE_BOOT);
            }
            requireFeature(guest, Feature.SECURE_BOOT, "Secure Boot");
        }
        if (vm.vcpus() < 1 || vm.vcpus() > spec.logicalProcessors()) {
            throw new CommandRejected("vCPUs must be 1-" + spec.logicalProcessors() + " on host " + spec.hostId()
                    + ", was " + vm.vcpus());
        }
        if (guest.bits() == 32 && !"supported".equals(matrix.cell(guest.linux(), Feature.PAE).status())) {
            throw new CommandRejected(guest + " ships only 64-bit kernels (PAE: "
                    + matrix.cell(guest.linux(), Feature.PAE).status() + ")", Feature.PAE);
        }
        vm.memory().validate(!guest.isWindows());
        if (vm.memory().dynamic()) {
            requireFeature(guest, Feature.DM_BALLOON, "Dynamic Memory");
            if (guest.bits() == 32) {
                throw new CommandRejected("Dynamic Memory needs a 64-bit Linux guest; " + guest + " runs 32-bit",
                        Feature.DM_BALLOON);
            }
        }
        BalloonDriver balloon = vm.memory().dynamic() ? newBalloonDriver(guest) : null;
        vms.put(vmId, new SimulatedVm(vmId, vm, ChannelLayout.of(vmId, vm, spec.version(), matrix),
                random.nextDouble(), 5 + random.nextDouble() * 45, balloon));
    }

    /** Powers the VM on: its startup memory must fit in what the host has free. */
    public void start(String vmId) {
        SimulatedVm vm = vm(vmId);
        require(vm, VmState.STARTING);
        long startup = vm.spec.memory().startupMb();
        if (startup > freeMemoryMb()) {
            throw new CommandRejected("host " + spec.hostId() + " has " + freeMemoryMb() + " MB free, VM " + vmId
                    + " needs " + startup + " MB to start");
        }
        vm.assignedMb = startup;
        vm.bootedAt = now;
        move(vm, VmState.STARTING, "start");
    }

    /** Turns the VM off at once, like pulling the plug. */
    public void turnOff(String vmId) {
        SimulatedVm vm = vm(vmId);
        require(vm, VmState.OFF);
        powerOff(vm, "turned off");
    }

    /**
     * Shuts the guest down through the shutdown integration service. Without it, {@code force} turns the VM off
     * instead; otherwise the command is refused.
     */
    public void shutDown(String vmId, boolean force) {
        SimulatedVm vm = vm(vmId);
        if (vm.state == VmState.RUNNING && vm.icNegotiated && vm.opened(DeviceClass.SHUTDOWN)) {
            move(vm, VmState.STOPPING, "shutdown integration service");
            return;
        }
        if (force) {
            require(vm, VmState.OFF);
            powerOff(vm, "forced off: no shutdown integration service answered");
            return;
        }
        throw new CommandRejected("VM " + vmId + " cannot be shut down gracefully: the shutdown integration service "
                + "is not running in " + vm.spec.guest(), Feature.CORE);
    }

    /**
     * Restarts the guest with its startup memory. When the host cannot back all of it, Smart Paging bridges the
     * gap between what is free and startup (only on restart). The VM keeps at least its minimum assigned, so
     * its own memory plus what is free always covers the minimum.
     */
    public void restart(String vmId) {
        SimulatedVm vm = vm(vmId);
        require(vm, VmState.RESETTING);
        MemorySettings memory = vm.spec.memory();
        long freeAfterRelease = freeMemoryMb() + vm.physicalMb();
        vm.guestGone();
        move(vm, VmState.RESETTING, "restart");
        vm.assignedMb = memory.startupMb();
        vm.smartPagingMb = Math.max(0, memory.startupMb() - freeAfterRelease);
        if (vm.smartPagingMb > 0) {
            emit(new EngineEvent.SmartPagingStarted(now, vmId, vm.smartPagingMb));
        }
        vm.bootedAt = now;
        move(vm, VmState.STARTING, "restart");
    }

    public void pause(String vmId) {
        SimulatedVm vm = vm(vmId);
        require(vm, VmState.PAUSED);
        move(vm, VmState.PAUSED, "pause");
    }

    /** Saves a running or paused VM to disk; its memory returns to the host when saved. */
    public void save(String vmId) {
        SimulatedVm vm = vm(vmId);
        require(vm, VmState.SAVING);
        move(vm, VmState.SAVING, "save");
    }

    /** Resumes a paused VM, or restores a saved one (time sync then sends SYNC). */
    public void resume(String vmId) {
        SimulatedVm vm = vm(vmId);
        if (vm.state == VmState.PAUSED) {
            move(vm, VmState.RUNNING, "resume");
            return;
        }
        require(vm, VmState.RESUMING);
        long memory = vm.spec.memory().startupMb();
        if (memory > freeMemoryMb()) {
            throw new CommandRejected("host " + spec.hostId() + " has " + freeMemoryMb() + " MB free, VM " + vmId
                    + " needs " + memory + " MB to resume");
        }
        vm.assignedMb = memory;
        move(vm, VmState.RESUMING, "resume");
    }

    public void delete(String vmId) {
        SimulatedVm vm = vm(vmId);
        if (vm.state != VmState.OFF && vm.state != VmState.SAVED) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state + "; turn it off before deleting it");
        }
        vms.remove(vmId);
    }

    /** Writes an item to the VM's external KVP pool (host to guest). */
    public void setKvp(String vmId, String key, String value) {
        SimulatedVm vm = vm(vmId);
        if (!vm.spec.guest().supports(Feature.KVP, spec.version(), matrix)) {
            throw new CommandRejected(vm.spec.guest().whyNot(Feature.KVP, spec.version(), matrix), Feature.KVP);
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 512
                || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 2048) {
            throw new CommandRejected("KVP keys are limited to 512 bytes and values to 2048 bytes");
        }
        vm.externalKvp.put(key, value);
    }

    // ---- faults -------------------------------------------------------------------------------------------

    /** The guest stops answering heartbeats (hung kernel) or starts again. */
    public void stallHeartbeat(String vmId, boolean stalled) {
        vm(vmId).heartbeatStalled = stalled;
    }

    /** The guest's hv_kvp_daemon dies: the host no longer gets intrinsic items. */
    public void stopKvpDaemon(String vmId) {
        SimulatedVm vm = vm(vmId);
        vm.kvpDaemonStopped = true;
        if (vm.kvpDaemonRunning) {
            vm.kvpDaemonRunning = false;
            vm.intrinsicKvp = Map.of();
            emit(new EngineEvent.KvpItemsChanged(now, vmId, Map.of()));
        }
    }

    /**
     * Changes the number of virtual processors (Set-VMProcessor -Count): only while the VM is off, within the
     * host's logical processors. VMBus channels are spread over the new vCPUs.
     */
    public void setProcessorCount(String vmId, int vcpus) {
        SimulatedVm vm = vm(vmId);
        if (vcpus == vm.spec.vcpus()) {
            return;
        }
        if (vm.state != VmState.OFF) {
            throw new CommandRejected("the processor count of VM " + vmId + " can only change while it is off; it is "
                    + vm.state);
        }
        if (vcpus < 1 || vcpus > spec.logicalProcessors()) {
            throw new CommandRejected("vCPUs must be 1-" + spec.logicalProcessors() + " on host " + spec.hostId()
                    + ", was " + vcpus);
        }
        vm.spec = new VmSpec(vm.spec.name(), vm.spec.generation(), vm.spec.secureBoot(), vcpus, vm.spec.memory(),
                vm.spec.disks(), vm.spec.nics(), vm.spec.guest(), vm.spec.workload());
        vm.relayout(ChannelLayout.of(vmId, vm.spec, spec.version(), matrix));
        emit(new EngineEvent.ProcessorCountChanged(now, vmId, vcpus));
    }

    /**
     * Changes memory settings. Off: anything valid. Running: Dynamic Memory cannot be switched on or off; with it
     * the maximum may rise and the minimum fall (WS2012+); anything else — including resizing static memory —
     * needs Runtime Memory Resize (WS2016+ host and guest support).
     */
    public void setMemory(String vmId, MemorySettings settings) {
        SimulatedVm vm = vm(vmId);
        Guest guest = vm.spec.guest();
        settings.validate(!guest.isWindows());
        MemorySettings current = vm.spec.memory();
        if (settings.dynamic() && !current.dynamic() || !settings.dynamic() && current.dynamic()) {
            if (vm.state != VmState.OFF) {
                throw new CommandRejected("Dynamic Memory can only be switched on or off while VM " + vmId
                        + " is off");
            }
            if (settings.dynamic()) {
                requireFeature(guest, Feature.DM_BALLOON, "Dynamic Memory");
            }
        }
        if (vm.state != VmState.OFF) {
            boolean onlyWidens = settings.dynamic() && settings.startupMb() == current.startupMb()
                    && settings.maximumMb() >= current.maximumMb() && settings.minimumMb() <= current.minimumMb();
            if (!onlyWidens) {
                requireFeature(guest, Feature.RUNTIME_RESIZE, "Changing memory of running VM " + vmId
                        + " beyond raising maximum or lowering minimum");
                if (!settings.dynamic() && settings.startupMb() - vm.assignedMb > freeMemoryMb()) {
                    throw new CommandRejected("host " + spec.hostId() + " has " + freeMemoryMb() + " MB free, "
                            + (settings.startupMb() - vm.assignedMb) + " MB more needed");
                }
                if (!settings.dynamic()) {
                    vm.assignedMb = settings.startupMb();
                }
            }
        }
        vm.spec = new VmSpec(vm.spec.name(), vm.spec.generation(), vm.spec.secureBoot(), vm.spec.vcpus(), settings,
                vm.spec.disks(), vm.spec.nics(), guest, vm.spec.workload());
        if (settings.dynamic() != current.dynamic()) { // only while off, checked above
            vm.balloon = settings.dynamic() ? newBalloonDriver(guest) : null;
            vm.relayout(ChannelLayout.of(vmId, vm.spec, spec.version(), matrix));
        }
        emit(new EngineEvent.MemorySettingsChanged(now, vmId, settings));
    }

    private BalloonDriver newBalloonDriver(Guest guest) {
        return new BalloonDriver(guest.supports(Feature.DM_HOTADD, spec.version(), matrix), !guest.isWindows());
    }

    /** Whether every DM status report becomes a {@link EngineEvent.DmStatusReported} (off by default). */
    public void reportDmStatus(boolean enabled) {
        reportDmStatus = enabled;
    }

    /**
     * Takes a backup checkpoint: a production checkpoint through the guest's VSS when it can (Windows:
     * application-consistent; Linux with live-backup support and its VSS daemon: file-system-consistent after
     * freeze/thaw), else crash-consistent; an Off or Saved VM is backed up offline at once.
     *
     * @return the backup id reported in {@link EngineEvent.BackupCompleted}
     */
    public String backup(String vmId) {
        SimulatedVm vm = vm(vmId);
        if (vm.backup != null) {
            throw new CommandRejected("a backup of VM " + vmId + " is already running");
        }
        String backupId = vmId + "-backup-" + (++backups);
        if (!vm.state.guestRuns()) {
            emit(new EngineEvent.BackupCompleted(now, vmId, backupId, "offline", "the VM is " + vm.state));
            return backupId;
        }
        Guest guest = vm.spec.guest();
        if (guest.isWindows()) {
            vm.backup = new SimulatedVm.BackupJob(backupId, now + 3_000, "application", "VSS writers in the guest");
        } else if (!guest.supports(Feature.LIVE_BACKUP, spec.version(), matrix)) {
            vm.backup = new SimulatedVm.BackupJob(backupId, now + 1_000, "crash",
                    guest.whyNot(Feature.LIVE_BACKUP, spec.version(), matrix));
        } else if (!vm.opened(DeviceClass.VSS) || vm.vssDaemonStopped || vm.panickedAt >= 0) {
            vm.backup = new SimulatedVm.BackupJob(backupId, now + 1_000, "crash",
                    "the guest's hv_vss_daemon did not answer the freeze request");
        } else if (vm.freezeHangs) {
            vm.backup = new SimulatedVm.BackupJob(backupId, now + FREEZE_TIMEOUT_MS, "crash",
                    "the file-system freeze timed out after " + FREEZE_TIMEOUT_MS / 1000 + " s; thawed");
        } else {
            vm.backup = new SimulatedVm.BackupJob(backupId, now + 3_000, "file-system",
                    "hv_vss_daemon froze and thawed the file systems");
        }
        return backupId;
    }

    /** Sets the guest's display resolution (Set-VMVideo); needs the synthetic video driver in Linux guests. */
    public void setVideoResolution(String vmId, int width, int height) {
        SimulatedVm vm = vm(vmId);
        requireFeature(vm.spec.guest(), Feature.HV_VIDEO, "Synthetic video");
        var wanted = new SyntheticVideo.Resolution(width, height);
        if (!SyntheticVideo.resolutions(spec.version()).contains(wanted)) {
            throw new CommandRejected(width + "x" + height + " is not offered by video protocol "
                    + spec.version().videoProtocol() + " on this " + spec.version().label() + " host; offered: "
                    + SyntheticVideo.resolutions(spec.version()), Feature.HV_VIDEO);
        }
        vm.videoWidth = width;
        vm.videoHeight = height;
        emit(new EngineEvent.VideoModeChanged(now, vmId, width, height, spec.version().videoProtocol()));
    }

    /**
     * Copies a file from the host into the running guest (Copy-VMFile, Guest Service Interface), in 6 KB
     * WRITE_TO_FILE fragments.
     */
    public void copyFile(String vmId, String path, long bytes, boolean overwrite) {
        SimulatedVm vm = vm(vmId);
        requireFeature(vm.spec.guest(), Feature.FCOPY, "File copy");
        if (!vm.icNegotiated || !vm.opened(DeviceClass.FILE_COPY) || vm.panickedAt >= 0) {
            throw new CommandRejected("the Guest Service Interface of VM " + vmId + " is not running", Feature.FCOPY);
        }
        if (path.length() > 260) {
            throw new CommandRejected("file copy paths are limited to 260 characters");
        }
        if (vm.files.contains(path) && !overwrite) {
            throw new CommandRejected(path + " exists in VM " + vmId + "; copy with overwrite to replace it");
        }
        vm.files.add(path);
        emit(new EngineEvent.FileCopied(now, vmId, path, bytes, (int) Math.max(1, (bytes + 6143) / 6144)));
    }

    /**
     * Starts a live migration of a running VM to {@code destination}: pre-copy passes over the host's transport
     * on a link of {@code linkMbPerSec}, then a blackout. Ends in {@link EngineEvent.MigratedOut} (hand the
     * {@link MigratedVm} to the destination's {@link #acceptIn}) or {@link EngineEvent.MigrationFailed}.
     */
    public LiveMigration.Plan migrateOut(String vmId, String destination, double linkMbPerSec) {
        SimulatedVm vm = vm(vmId);
        if (vm.state != VmState.RUNNING) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state + "; only running VMs migrate live");
        }
        requireFeature(vm.spec.guest(), Feature.LIVE_MIGRATION, "Live migration");
        if (vm.migration != null) {
            throw new CommandRejected("VM " + vmId + " is already migrating");
        }
        long running = vms.values().stream().filter(v -> v.migration != null).count();
        if (running >= spec.migration().simultaneous()) {
            throw new CommandRejected("host " + spec.hostId() + " already runs " + running
                    + " live migrations, its limit");
        }
        double rate = LiveMigration.rate(spec.migration().transport(), linkMbPerSec, idleCpuFraction());
        LiveMigration.Plan plan = LiveMigration.plan(vm.assignedMb, vm.spec.workload().dirtyMbPerSec(), rate,
                spec.version().maxMigrationPasses());
        vm.migration = new SimulatedVm.MigrationJob(destination, plan, now);
        return plan;
    }

    /** Receives a live-migrated VM: it runs here at once, its integration services already up. */
    public void acceptIn(MigratedVm incoming) {
        define(incoming.vmId(), incoming.spec());
        SimulatedVm vm = vms.get(incoming.vmId());
        if (incoming.assignedMb() > freeMemoryMb()) {
            vms.remove(incoming.vmId());
            throw new CommandRejected("host " + spec.hostId() + " has " + freeMemoryMb() + " MB free, VM "
                    + incoming.vmId() + " holds " + incoming.assignedMb() + " MB");
        }
        vm.assignedMb = incoming.assignedMb();
        vm.heartbeatSequence = incoming.heartbeatSequence();
        vm.externalKvp.putAll(incoming.externalKvp());
        vm.bootedAt = now - BootTimeline.DM_FIRST_STATUS; // a running guest: everything was up already
        move(vm, VmState.RUNNING, "live migration in");
        connectGuest(vm, true);
        vm.heartbeat = HeartbeatStatus.OK;
    }

    // ---- faults, continued ---------------------------------------------------------------------------------

    /** The guest kernel panics: kdump takes over when guest and host allow, then the VM reboots. */
    public void panic(String vmId) {
        SimulatedVm vm = vm(vmId);
        if (vm.state != VmState.RUNNING || vm.panickedAt >= 0) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state + "; only a running guest can panic");
        }
        vm.panickedAt = now;
        emit(new EngineEvent.GuestPanicked(now, vmId));
    }

    public void stopVssDaemon(String vmId) {
        vm(vmId).vssDaemonStopped = true;
    }

    /** The guest's file-system freeze never returns (e.g. a hung mount). */
    public void hangFreeze(String vmId) {
        vm(vmId).freezeHangs = true;
    }

    /** The migration network goes down: every live migration from this host fails; VMs keep running here. */
    public void cutMigrationNetwork() {
        for (SimulatedVm vm : vms.values()) {
            if (vm.migration != null) {
                emit(new EngineEvent.MigrationFailed(now, vm.vmId, vm.migration.destination,
                        "the migration network was cut"));
                vm.migration = null;
            }
        }
    }

    /** The host loses power: every VM is off at once, migrations fail, running backups are lost. */
    public void powerLoss() {
        cutMigrationNetwork();
        for (SimulatedVm vm : List.copyOf(vms.values())) {
            if (vm.state != VmState.OFF && vm.state != VmState.SAVED) {
                powerOff(vm, "host power loss");
            }
        }
    }

    /** The guest's next hot-add hits an address-map conflict: it reports success with 0 pages, for good. */
    public void failHotAdd(String vmId) {
        SimulatedVm vm = vm(vmId);
        if (vm.balloon == null) {
            throw new CommandRejected("VM " + vmId + " does not use Dynamic Memory");
        }
        vm.balloon.hotAddWillFail = true;
    }

    /** What the guest runs from now on, e.g. a memory hog (simulation control: demand is a workload property). */
    public void setWorkload(String vmId, Workload workload) {
        SimulatedVm vm = vm(vmId);
        vm.spec = new VmSpec(vm.spec.name(), vm.spec.generation(), vm.spec.secureBoot(), vm.spec.vcpus(),
                vm.spec.memory(), vm.spec.disks(), vm.spec.nics(), vm.spec.guest(), workload);
    }

    // ---- time ---------------------------------------------------------------------------------------------

    /** Moves the virtual clock forward in one-second steps. */
    public void advance(Duration duration) {
        long until = now + duration.toMillis();
        while (now + TICK_MS <= until) {
            now += TICK_MS;
            for (SimulatedVm vm : List.copyOf(vms.values())) {
                if (vms.get(vm.vmId) == vm) {
                    tick(vm);
                }
            }
            balanceMemory();
        }
    }

    private void tick(SimulatedVm vm) {
        long inState = now - vm.stateSince;
        switch (vm.state) {
            case STARTING -> {
                if (vm.sinceBoot(now) >= BootTimeline.RUNNING) {
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
                    vm.assignedMb = 0;
                    move(vm, VmState.SAVED, "saved");
                }
            }
            case RESUMING -> {
                if (inState >= BootTimeline.SAVE) {
                    move(vm, VmState.RUNNING, "restored");
                    vm.bootedAt = now - BootTimeline.KVP_DAEMON; // the restored guest had everything up
                    connectGuest(vm, true);
                }
            }
            default -> {
            }
        }
        if (vm.state == VmState.RUNNING) {
            runGuest(vm);
        }
        if (vms.get(vm.vmId) == vm) {
            driftClock(vm);
        }
    }

    private void runGuest(SimulatedVm vm) {
        if (vm.backup != null && now >= vm.backup.completesAt()) {
            var job = vm.backup;
            vm.backup = null;
            emit(new EngineEvent.BackupCompleted(now, vm.vmId, job.backupId(), job.consistency(), job.reason()));
        }
        if (vm.migration != null && migrate(vm)) {
            return;
        }
        if (vm.panickedAt >= 0) {
            crash(vm);
            return;
        }
        long up = vm.sinceBoot(now);
        MemorySettings memory = vm.spec.memory();
        vm.workloadMb = vm.spec.workload().demandMb(memory.startupMb(), now / 1000, vm.phase);
        boolean outOfMemory = vm.workloadMb > vm.assignedMb;
        if (outOfMemory && !vm.outOfMemory) {
            emit(new EngineEvent.GuestOutOfMemory(now, vm.vmId, vm.workloadMb, vm.assignedMb));
        }
        vm.outOfMemory = outOfMemory;
        if (vm.balloon != null && up >= BootTimeline.DM_FIRST_STATUS && vm.opened(DeviceClass.DYNAMIC_MEMORY)) {
            vm.reportedDemandMb = vm.balloon.committedMb(vm.workloadMb, memory.startupMb());
            if (reportDmStatus) {
                emit(new EngineEvent.DmStatusReported(now, vm.vmId, vm.reportedDemandMb, vm.assignedMb,
                        (int) Math.round(100.0 * vm.reportedDemandMb / Math.max(1, vm.assignedMb))));
            }
        }
        if (!vm.vmbusConnected && up >= BootTimeline.VMBUS_CONNECTED && vm.spec.guest().supports(Feature.CORE,
                spec.version(), matrix)) {
            vm.vmbusConnected = true;
            emit(new EngineEvent.VmbusConnected(now, vm.vmId, spec.version().vmbusVersionText(),
                    DeviceClass.values().length));
        }
        if (vm.vmbusConnected && up >= BootTimeline.CHANNELS_OPENED && up < BootTimeline.CHANNELS_OPENED + TICK_MS) {
            emit(new EngineEvent.ChannelsOpened(now, vm.vmId, vm.channels));
        }
        if (vm.vmbusConnected && !vm.icNegotiated && up >= BootTimeline.IC_NEGOTIATED) {
            connectGuest(vm, false);
        }
        if (vm.icNegotiated && !vm.kvpDaemonRunning && !vm.kvpDaemonStopped && up >= BootTimeline.KVP_DAEMON
                && vm.opened(DeviceClass.KVP)) {
            vm.kvpDaemonRunning = true;
            vm.intrinsicKvp = intrinsicItems(vm);
            emit(new EngineEvent.KvpItemsChanged(now, vm.vmId, vm.intrinsicKvp));
        }
        if (vm.icNegotiated && vm.opened(DeviceClass.HEARTBEAT) && (now - vm.bootedAt) % SimulatedVm.HEARTBEAT_PERIOD_MS == 0) {
            heartbeat(vm);
        }
    }

    /**
     * After a panic the guest answers nothing. kdump's crash kernel must re-attach to VMBus to reach its disk:
     * WS2012 R2+ hosts (VMBus 3.0) allow that reconnect, older ones do not, and the guest hangs until the host
     * resets it. Windows writes its dump to the page file and needs no reconnect.
     */
    private void crash(SimulatedVm vm) {
        long since = now - vm.panickedAt;
        if (vm.heartbeat == HeartbeatStatus.OK && since >= 3L * SimulatedVm.HEARTBEAT_PERIOD_MS) {
            heartbeatStatus(vm, HeartbeatStatus.LOST_COMMUNICATION);
        }
        boolean canDump = vm.spec.guest().isWindows() || spec.version().supportsVmbusReconnect();
        if (!canDump && since == CRASH_KERNEL_MS) {
            emit(new EngineEvent.CrashDumpFailed(now, vm.vmId, "the crash kernel cannot re-attach to VMBus: host "
                    + spec.version().label() + " (VMBus " + spec.version().vmbusVersionText()
                    + ") does not support reconnect"));
        }
        if (canDump && since == DUMP_WRITTEN_MS) {
            emit(new EngineEvent.CrashDumpCaptured(now, vm.vmId, 64 + vm.assignedMb / 16));
        }
        if (canDump && since >= DUMP_WRITTEN_MS + 5_000 || !canDump && since >= HANG_RESET_MS) {
            restart(vm.vmId);
        }
    }

    /** Advances a live migration; true when the VM has left this host. */
    private boolean migrate(SimulatedVm vm) {
        SimulatedVm.MigrationJob job = vm.migration;
        double elapsed = (now - job.startedAt) / 1000.0;
        double passEnd = 0;
        List<LiveMigration.Pass> passes = job.plan.passes();
        for (int i = 0; i < passes.size(); i++) {
            passEnd += passes.get(i).seconds();
            if (i >= job.passesReported && elapsed >= passEnd) {
                long dirty = i + 1 < passes.size() ? passes.get(i + 1).sentMb() : job.plan.finalMb();
                emit(new EngineEvent.MigrationPassCompleted(now, vm.vmId, job.destination, i + 1,
                        passes.get(i).sentMb(), dirty));
                job.passesReported = i + 1;
            }
        }
        if (job.passesReported < passes.size()) {
            return false;
        }
        vm.migration = null;
        if (!job.plan.converged()) {
            emit(new EngineEvent.MigrationFailed(now, vm.vmId, job.destination, "did not converge: "
                    + job.plan.finalMb() + " MB still dirty after " + passes.size() + " passes (the workload writes "
                    + vm.spec.workload().dirtyMbPerSec() + " MB/s)"));
            return false;
        }
        MigratedVm handOff = new MigratedVm(vm.vmId, vm.spec, vm.assignedMb, vm.heartbeatSequence,
                Map.copyOf(vm.externalKvp));
        vms.remove(vm.vmId);
        emit(new EngineEvent.VmStateChanged(now, vm.vmId, vm.state, VmState.OFF,
                "live migration to " + job.destination));
        emit(new EngineEvent.MigratedOut(now, vm.vmId, job.destination, passes.size(), job.plan.downtimeMs(),
                handOff));
        return true;
    }

    /** CPU the running VMs leave idle, assuming each vCPU half busy (compression throttles to it). */
    private double idleCpuFraction() {
        long busy = vms.values().stream().filter(v -> v.state.guestRuns()).mapToLong(v -> v.spec.vcpus()).sum();
        return Math.max(0, 1 - busy * 0.5 / spec.logicalProcessors());
    }

    /** IC negotiation (boot) or reconnection (restore): time sync then SYNCs the guest clock. */
    private void connectGuest(SimulatedVm vm, boolean restored) {
        vm.vmbusConnected = true;
        vm.icNegotiated = true;
        Map<String, String> versions = new LinkedHashMap<>();
        for (Channel channel : vm.channels) {
            if (channel.primary() && !channel.device().performance()) {
                versions.put(channel.device().name(), icVersion(channel.device()));
            }
        }
        if (!restored) {
            emit(new EngineEvent.IntegrationServicesNegotiated(now, vm.vmId, versions));
        }
        if (vm.opened(DeviceClass.TIME_SYNC)) {
            long correction = Math.round(vm.guestClockOffsetMs);
            vm.guestClockOffsetMs = 0;
            emit(new EngineEvent.GuestClockSynced(now, vm.vmId, correction));
        }
    }

    private String icVersion(DeviceClass device) {
        return switch (device) {
            case TIME_SYNC -> spec.version().timeSyncIc();
            case SHUTDOWN, HEARTBEAT -> "3.0";
            case DYNAMIC_MEMORY -> spec.version().dmProtocol();
            case VIDEO -> spec.version().videoProtocol();
            case VSS -> "5.0";
            case KVP -> "5.0";
            default -> "1.0";
        };
    }

    private void heartbeat(SimulatedVm vm) {
        if (vm.heartbeatStalled) {
            vm.heartbeatsMissed++;
            if (vm.heartbeat == HeartbeatStatus.OK && vm.heartbeatsMissed >= SimulatedVm.HEARTBEATS_MISSED_FOR_LOST) {
                heartbeatStatus(vm, HeartbeatStatus.LOST_COMMUNICATION);
            }
            return;
        }
        vm.heartbeatSequence++; // the guest returns the host's sequence number plus one
        vm.heartbeatsMissed = 0;
        heartbeatStatus(vm, HeartbeatStatus.OK);
    }

    private void heartbeatStatus(SimulatedVm vm, HeartbeatStatus status) {
        if (vm.heartbeat != status) {
            emit(new EngineEvent.HeartbeatStatusChanged(now, vm.vmId, vm.heartbeat, status));
            vm.heartbeat = status;
        }
    }

    /**
     * The guest clock drifts while nothing corrects it; time sync SAMPLEs every 5 s pull it back to within
     * 1 ms with WS2016 accurate time (IC 4.0, guest support) and 10 ms otherwise (an assumption of the model).
     */
    private void driftClock(SimulatedVm vm) {
        if (!vm.state.guestRuns()) {
            return;
        }
        vm.guestClockOffsetMs += vm.driftPpm * TICK_MS / 1_000_000.0;
        if (vm.icNegotiated && vm.opened(DeviceClass.TIME_SYNC) && (now - vm.bootedAt) % SimulatedVm.TIME_SAMPLE_PERIOD_MS == 0) {
            double accuracy = vm.spec.guest().supports(Feature.ACC_TIME, spec.version(), matrix) ? 1 : 10;
            vm.guestClockOffsetMs = Math.max(-accuracy, Math.min(accuracy, vm.guestClockOffsetMs));
        }
    }

    /** What hv_kvp_daemon reports in the AUTO pool (indices 0-9 of the intrinsic items). */
    private Map<String, String> intrinsicItems(SimulatedVm vm) {
        Guest guest = vm.spec.guest();
        Map<String, String> items = new LinkedHashMap<>();
        items.put("FullyQualifiedDomainName", vm.spec.name().toLowerCase() + ".guests.hyperplane.internal");
        items.put("IntegrationServicesVersion", guest.isWindows() ? "Windows " + spec.version().label()
                : guest.linux().lisSource());
        int hash = Math.abs(vm.vmId.hashCode());
        items.put("NetworkAddressIPv4", "10." + (hash >> 16 & 0xff) + "." + (hash >> 8 & 0xff) + "." + (1 + (hash & 0xfd)));
        items.put("NetworkAddressIPv6", "fd00::" + Integer.toHexString(hash & 0xffff));
        items.put("OSName", guest.name());
        items.put("OSVersion", guest.version());
        items.put("ProcessorArchitecture", guest.bits() == 32 ? "i686" : "x86_64"); // uname -m
        return Map.copyOf(items);
    }

    /** Hyper-V's per-second Dynamic Memory balancing over the VMs whose balloon drivers report. */
    private void balanceMemory() {
        List<MemoryBalancer.Entry> entries = new java.util.ArrayList<>();
        for (SimulatedVm vm : vms.values()) {
            if (vm.state == VmState.RUNNING && vm.dmReporting()) {
                MemorySettings m = vm.spec.memory();
                boolean canHotAdd = vm.balloon.canHotAdd && !vm.balloon.hotAddPermanentlyFailed;
                long floor = vm.balloon.linux ? BalloonDriver.floorMb(vm.balloon.onlineMb(m.startupMb())) : 0;
                entries.add(new MemoryBalancer.Entry(vm.vmId, vm.reportedDemandMb, vm.assignedMb, m.startupMb(),
                        m.minimumMb(), m.maximumMb(), m.bufferPercent(), m.priority(), canHotAdd, floor));
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        MemoryBalancer.shrinks(entries).forEach(this::applyMove);
        List<MemoryBalancer.Entry> updated = entries.stream().map(e -> new MemoryBalancer.Entry(e.vmId(),
                e.demandMb(), vms.get(e.vmId()).assignedMb, e.startupMb(), e.minimumMb(), e.maximumMb(),
                e.bufferPercent(), e.priority(), e.canHotAdd(), e.floorMb())).toList();
        MemoryBalancer.grows(updated, freeMemoryMb()).forEach(this::applyMove);
    }

    private void applyMove(MemoryBalancer.Move move) {
        SimulatedVm vm = vms.get(move.vmId());
        BalloonDriver driver = vm.balloon;
        long startup = vm.spec.memory().startupMb();
        if (move.deltaMb() < 0) {
            long requested = -move.deltaMb();
            long given = driver.balloon(requested, vm.assignedMb, vm.workloadMb, startup, random);
            if (given > 0) {
                vm.assignedMb -= given;
                long fromPaging = Math.min(given, vm.smartPagingMb);
                vm.smartPagingMb -= fromPaging;
                emit(new EngineEvent.MemoryMoved(now, vm.vmId, "balloon", requested, given, vm.assignedMb));
                if (fromPaging > 0 && vm.smartPagingMb == 0) {
                    emit(new EngineEvent.SmartPagingEnded(now, vm.vmId));
                }
            }
            return;
        }
        long remaining = move.deltaMb();
        long returned = driver.unballoon(remaining);
        if (returned > 0) {
            vm.assignedMb += returned;
            remaining -= returned;
            emit(new EngineEvent.MemoryMoved(now, vm.vmId, "unballoon", move.deltaMb(), returned, vm.assignedMb));
        }
        if (remaining >= BalloonDriver.HOT_ADD_SECTION_MB || remaining > 0 && !driver.linux) {
            boolean wasFailed = driver.hotAddPermanentlyFailed;
            long added = driver.hotAdd(remaining);
            if (added > 0) {
                vm.assignedMb += added;
                emit(new EngineEvent.MemoryMoved(now, vm.vmId, "hot-add", remaining, added, vm.assignedMb));
            } else if (!wasFailed && driver.hotAddPermanentlyFailed) {
                emit(new EngineEvent.HotAddFailed(now, vm.vmId, true,
                        "the guest reported success with 0 pages: hot-add is impossible (address map conflict)"));
            }
        }
    }

    // ---- queries ------------------------------------------------------------------------------------------

    public VmView vmView(String vmId) {
        SimulatedVm vm = vm(vmId);
        long demand = vm.balloon != null && vm.reportedDemandMb > 0 ? vm.reportedDemandMb : vm.workloadMb;
        int pressure = vm.assignedMb == 0 ? 0 : (int) Math.round(100.0 * demand / vm.assignedMb);
        return new VmView(vmId, vm.spec, vm.state, vm.assignedMb, demand, pressure,
                vm.balloon == null ? 0 : vm.balloon.balloonedMb, vm.smartPagingMb, vm.heartbeat,
                vm.heartbeatSequence, Map.copyOf(vm.intrinsicKvp), Map.copyOf(vm.externalKvp), vm.channels,
                Math.round(vm.guestClockOffsetMs * 1000) / 1000.0, vm.videoWidth, vm.videoHeight,
                !(vm.icNegotiated && vm.opened(DeviceClass.VIDEO)));
    }

    public Collection<String> vmIds() {
        return List.copyOf(vms.keySet());
    }

    /** Memory VMs may still get: physical less the root reserve less what running VMs hold. */
    public long freeMemoryMb() {
        long assigned = vms.values().stream().mapToLong(SimulatedVm::physicalMb).sum();
        return spec.memoryMb() - spec.rootReserveMb() - assigned;
    }

    // ---- internals ----------------------------------------------------------------------------------------

    private SimulatedVm vm(String vmId) {
        SimulatedVm vm = vms.get(vmId);
        if (vm == null) {
            throw new CommandRejected("no VM " + vmId + " on host " + spec.hostId());
        }
        return vm;
    }

    private void require(SimulatedVm vm, VmState target) {
        if (!vm.state.canMoveTo(target)) {
            throw new CommandRejected("VM " + vm.vmId + " is " + vm.state + " and cannot go to " + target);
        }
    }

    private void requireFeature(Guest guest, Feature feature, String what) {
        String why = guest.whyNot(feature, spec.version(), matrix);
        if (why != null) {
            throw new CommandRejected(what + " is not possible: " + why, feature);
        }
    }

    private void powerOff(SimulatedVm vm, String reason) {
        vm.guestGone();
        vm.assignedMb = 0;
        vm.smartPagingMb = 0;
        heartbeatStatus(vm, HeartbeatStatus.NO_CONTACT);
        if (!vm.intrinsicKvp.isEmpty()) {
            vm.intrinsicKvp = Map.of();
        }
        move(vm, VmState.OFF, reason);
    }

    private void move(SimulatedVm vm, VmState to, String reason) {
        VmState from = vm.state;
        vm.state = to;
        vm.stateSince = now;
        emit(new EngineEvent.VmStateChanged(now, vm.vmId, from, to, reason));
    }

    private void emit(EngineEvent event) {
        listener.accept(event);
    }
}
