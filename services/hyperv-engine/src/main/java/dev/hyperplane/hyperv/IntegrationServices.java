package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guest's side of VMBus and the integration services: the boot steps (VMBus version negotiation, channels
 * opened, IC negotiation, the KVP daemon), heartbeat, time sync, KVP pools and file copy.
 */
final class IntegrationServices implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A VM's VMBus connection and what runs over it; changed only here. */
    static final class Connection implements Serializable {
        private static final long serialVersionUID = 1L;

        private List<Channel> channels;
        /** The device classes the guest has drivers for (derived from {@link #channels}, kept for speed). */
        private final Set<DeviceClass> devices = EnumSet.noneOf(DeviceClass.class);
        private boolean vmbusConnected;
        private boolean icNegotiated;
        private boolean kvpDaemonRunning;
        private boolean kvpDaemonStopped;
        private boolean heartbeatStalled;
        private long heartbeatSequence;
        private int heartbeatsMissed;
        private HeartbeatStatus heartbeat = HeartbeatStatus.NO_CONTACT;
        private double guestClockOffsetMs;
        private final Map<String, String> externalKvp = new LinkedHashMap<>();
        private Map<String, String> intrinsicKvp = Map.of();
        /** Files copied in from the host (Copy-VMFile), by path. */
        private final Set<String> files = new HashSet<>();

        Connection(List<Channel> channels) {
            relayout(channels);
        }

        /** A new set of channels, e.g. after Dynamic Memory was switched on or off. */
        void relayout(List<Channel> newChannels) {
            channels = newChannels;
            devices.clear();
            newChannels.forEach(c -> devices.add(c.device()));
        }

        List<Channel> channels() {
            return channels;
        }

        boolean opened(DeviceClass device) {
            return vmbusConnected && devices.contains(device);
        }

        boolean icNegotiated() {
            return icNegotiated;
        }

        HeartbeatStatus heartbeat() {
            return heartbeat;
        }

        long heartbeatSequence() {
            return heartbeatSequence;
        }

        Map<String, String> intrinsicKvp() {
            return Map.copyOf(intrinsicKvp);
        }

        Map<String, String> externalKvp() {
            return Map.copyOf(externalKvp);
        }

        double guestClockOffsetMs() {
            return guestClockOffsetMs;
        }

        /** A stalled heartbeat is a hung guest kernel: the next boot runs normally again. */
        void guestGone() {
            vmbusConnected = false;
            icNegotiated = false;
            kvpDaemonRunning = false;
            heartbeatStalled = false;
            heartbeatsMissed = 0;
        }
    }

    private final HostContext host;

    IntegrationServices(HostContext host) {
        this.host = host;
    }

    /** One second of a running guest's boot and services, timed from power-on ({@link BootTimeline}). */
    void runGuest(SimulatedVm vm, long sinceBoot) {
        Connection c = vm.services;
        long now = host.now();
        if (!c.vmbusConnected && sinceBoot >= BootTimeline.VMBUS_CONNECTED && host.supports(vm.guest(), Feature.CORE)) {
            c.vmbusConnected = true;
            host.emit(new EngineEvent.VmbusConnected(now, vm.vmId, host.spec.version().vmbusVersionText(),
                    DeviceClass.values().length));
        }
        if (c.vmbusConnected && sinceBoot >= BootTimeline.CHANNELS_OPENED
                && sinceBoot < BootTimeline.CHANNELS_OPENED + VirtualClock.TICK_MS) {
            host.emit(new EngineEvent.ChannelsOpened(now, vm.vmId, c.channels));
        }
        if (c.vmbusConnected && !c.icNegotiated && sinceBoot >= BootTimeline.IC_NEGOTIATED) {
            connectGuest(vm, false);
        }
        if (c.icNegotiated && !c.kvpDaemonRunning && !c.kvpDaemonStopped && sinceBoot >= BootTimeline.KVP_DAEMON
                && c.opened(DeviceClass.KVP)) {
            c.kvpDaemonRunning = true;
            c.intrinsicKvp = intrinsicItems(vm);
            host.emit(new EngineEvent.KvpItemsChanged(now, vm.vmId, c.intrinsicKvp));
        }
        if (c.icNegotiated && c.opened(DeviceClass.HEARTBEAT)
                && (now - vm.power.bootedAt()) % SimulatedVm.HEARTBEAT_PERIOD_MS == 0) {
            heartbeat(vm);
        }
    }

    /** IC negotiation (boot) or reconnection (restore, migration): time sync then SYNCs the guest clock. */
    void connectGuest(SimulatedVm vm, boolean restored) {
        Connection c = vm.services;
        c.vmbusConnected = true;
        c.icNegotiated = true;
        Map<String, String> versions = new LinkedHashMap<>();
        for (Channel channel : c.channels) {
            if (channel.primary() && !channel.device().performance()) {
                versions.put(channel.device().name(), icVersion(channel.device()));
            }
        }
        if (!restored) {
            host.emit(new EngineEvent.IntegrationServicesNegotiated(host.now(), vm.vmId, versions));
        }
        if (c.opened(DeviceClass.TIME_SYNC)) {
            long correction = Math.round(c.guestClockOffsetMs);
            c.guestClockOffsetMs = 0;
            host.emit(new EngineEvent.GuestClockSynced(host.now(), vm.vmId, correction));
        }
    }

    /** A live-migrated guest keeps its heartbeat sequence and the host's KVP items, and is reconnected at once. */
    void migratedIn(SimulatedVm vm, MigratedVm incoming) {
        vm.services.heartbeatSequence = incoming.heartbeatSequence();
        vm.services.externalKvp.putAll(incoming.externalKvp());
    }

    /** After the move to Running: the guest's services were up all along, so no negotiation is reported. */
    void resumedAfterMigration(SimulatedVm vm) {
        connectGuest(vm, true);
        vm.services.heartbeat = HeartbeatStatus.OK;
    }

    /** The VM is off: no heartbeat, no intrinsic KVP items. */
    void poweredOff(SimulatedVm vm) {
        heartbeatStatus(vm, HeartbeatStatus.NO_CONTACT);
        if (!vm.services.intrinsicKvp.isEmpty()) {
            vm.services.intrinsicKvp = Map.of();
        }
    }

    /** A crashed guest answers no heartbeat: after three periods the host reports lost communication. */
    void loseContact(SimulatedVm vm) {
        if (vm.services.heartbeat == HeartbeatStatus.OK) {
            heartbeatStatus(vm, HeartbeatStatus.LOST_COMMUNICATION);
        }
    }

    /** Writes an item to the VM's external KVP pool (host to guest). */
    void setKvp(String vmId, String key, String value) {
        SimulatedVm vm = host.vm(vmId);
        if (!host.supports(vm.guest(), Feature.KVP)) {
            throw new CommandRejected(host.whyNot(vm.guest(), Feature.KVP), Feature.KVP);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > 512 || value.getBytes(StandardCharsets.UTF_8).length > 2048) {
            throw new CommandRejected("KVP keys are limited to 512 bytes and values to 2048 bytes");
        }
        vm.services.externalKvp.put(key, value);
    }

    /**
     * Copies a file from the host into the running guest (Copy-VMFile, Guest Service Interface), in 6 KB
     * WRITE_TO_FILE fragments.
     */
    void copyFile(String vmId, String path, long bytes, boolean overwrite) {
        SimulatedVm vm = host.vm(vmId);
        Connection c = vm.services;
        host.requireFeature(vm.guest(), Feature.FCOPY, "File copy");
        if (!c.icNegotiated || !c.opened(DeviceClass.FILE_COPY) || vm.crash.panicked()) {
            throw new CommandRejected("the Guest Service Interface of VM " + vmId + " is not running", Feature.FCOPY);
        }
        if (path.length() > 260) {
            throw new CommandRejected("file copy paths are limited to 260 characters");
        }
        if (c.files.contains(path) && !overwrite) {
            throw new CommandRejected(path + " exists in VM " + vmId + "; copy with overwrite to replace it");
        }
        c.files.add(path);
        host.emit(new EngineEvent.FileCopied(host.now(), vmId, path, bytes, (int) Math.max(1, (bytes + 6143) / 6144)));
    }

    /** Fault: the guest stops answering heartbeats (hung kernel) or starts again. */
    void stallHeartbeat(String vmId, boolean stalled) {
        host.vm(vmId).services.heartbeatStalled = stalled;
    }

    /** Fault: the guest's hv_kvp_daemon dies; the host no longer gets intrinsic items. */
    void stopKvpDaemon(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        Connection c = vm.services;
        c.kvpDaemonStopped = true;
        if (c.kvpDaemonRunning) {
            c.kvpDaemonRunning = false;
            c.intrinsicKvp = Map.of();
            host.emit(new EngineEvent.KvpItemsChanged(host.now(), vmId, Map.of()));
        }
    }

    /**
     * The guest clock drifts while nothing corrects it; time sync SAMPLEs every 5 s pull it back to within
     * 1 ms with WS2016 accurate time (IC 4.0, guest support) and 10 ms otherwise (an assumption of the model).
     */
    void driftClock(SimulatedVm vm) {
        if (!vm.state().guestRuns()) {
            return;
        }
        Connection c = vm.services;
        c.guestClockOffsetMs += vm.driftPpm * VirtualClock.TICK_MS / 1_000_000.0;
        if (c.icNegotiated && c.opened(DeviceClass.TIME_SYNC)
                && (host.now() - vm.power.bootedAt()) % SimulatedVm.TIME_SAMPLE_PERIOD_MS == 0) {
            double accuracy = host.supports(vm.guest(), Feature.ACC_TIME) ? 1 : 10;
            c.guestClockOffsetMs = Math.max(-accuracy, Math.min(accuracy, c.guestClockOffsetMs));
        }
    }

    private String icVersion(DeviceClass device) {
        HostVersion version = host.spec.version();
        return switch (device) {
            case TIME_SYNC -> version.timeSyncIc();
            case SHUTDOWN, HEARTBEAT -> "3.0";
            case DYNAMIC_MEMORY -> version.dmProtocol();
            case VIDEO -> version.videoProtocol();
            case VSS -> "5.0";
            case KVP -> "5.0";
            default -> "1.0";
        };
    }

    private void heartbeat(SimulatedVm vm) {
        Connection c = vm.services;
        if (c.heartbeatStalled) {
            c.heartbeatsMissed++;
            if (c.heartbeat == HeartbeatStatus.OK && c.heartbeatsMissed >= SimulatedVm.HEARTBEATS_MISSED_FOR_LOST) {
                heartbeatStatus(vm, HeartbeatStatus.LOST_COMMUNICATION);
            }
            return;
        }
        c.heartbeatSequence++; // the guest returns the host's sequence number plus one
        c.heartbeatsMissed = 0;
        heartbeatStatus(vm, HeartbeatStatus.OK);
    }

    private void heartbeatStatus(SimulatedVm vm, HeartbeatStatus status) {
        Connection c = vm.services;
        if (c.heartbeat != status) {
            host.emit(new EngineEvent.HeartbeatStatusChanged(host.now(), vm.vmId, c.heartbeat, status));
            c.heartbeat = status;
        }
    }

    /** What hv_kvp_daemon reports in the AUTO pool (indices 0-9 of the intrinsic items). */
    private Map<String, String> intrinsicItems(SimulatedVm vm) {
        Guest guest = vm.guest();
        Map<String, String> items = new LinkedHashMap<>();
        items.put("FullyQualifiedDomainName", vm.spec().name().toLowerCase() + ".guests.hyperplane.internal");
        items.put("IntegrationServicesVersion", guest.isWindows() ? "Windows " + host.spec.version().label()
                : guest.linux().lisSource());
        int hash = Math.abs(vm.vmId.hashCode());
        items.put("NetworkAddressIPv4", "10." + (hash >> 16 & 0xff) + "." + (hash >> 8 & 0xff) + "." + (1 + (hash & 0xfd)));
        items.put("NetworkAddressIPv6", "fd00::" + Integer.toHexString(hash & 0xffff));
        items.put("OSName", guest.name());
        items.put("OSVersion", guest.version());
        items.put("ProcessorArchitecture", guest.bits() == 32 ? "i686" : "x86_64"); // uname -m
        return Map.copyOf(items);
    }
}
