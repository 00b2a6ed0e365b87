package dev.hyperplane.hyperv;

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
        vm.memory().validate(!guest.isWindows());
        if (vm.memory().dynamic()) {
            requireFeature(guest, Feature.DM_BALLOON, "Dynamic Memory");
        }
        BalloonDriver balloon = vm.memory().dynamic()
                ? new BalloonDriver(guest.supports(Feature.DM_HOTADD, spec.version(), matrix), !guest.isWindows())
                : null;
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

    /** The guest's next hot-add hits an address-map conflict: it reports success with 0 pages, for good. */
    public void failHotAdd(String vmId) {
        SimulatedVm vm = vm(vmId);
        if (vm.balloon == null) {
            throw new CommandRejected("VM " + vmId + " does not use Dynamic Memory");
        }
        vm.balloon.hotAddWillFail = true;
    }

    // ---- time ---------------------------------------------------------------------------------------------

    /** Moves the virtual clock forward in one-second steps. */
    public void advance(Duration duration) {
        long until = now + duration.toMillis();
        while (now + TICK_MS <= until) {
            now += TICK_MS;
            for (SimulatedVm vm : List.copyOf(vms.values())) {
                tick(vm);
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
        driftClock(vm);
    }

    private void runGuest(SimulatedVm vm) {
        long up = vm.sinceBoot(now);
        MemorySettings memory = vm.spec.memory();
        vm.workloadMb = vm.spec.workload().demandMb(memory.startupMb(), now / 1000, vm.phase);
        if (vm.balloon != null && up >= BootTimeline.DM_FIRST_STATUS && vm.opened(DeviceClass.DYNAMIC_MEMORY)) {
            vm.reportedDemandMb = vm.balloon.committedMb(vm.workloadMb, memory.startupMb());
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
        items.put("ProcessorArchitecture", "x86_64");
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
                Math.round(vm.guestClockOffsetMs * 1000) / 1000.0);
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
