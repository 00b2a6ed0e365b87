package dev.hyperplane.agent.domain;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.events.agent.CrashDumpReported;
import dev.hyperplane.events.agent.FileCopiedOnHost;
import dev.hyperplane.events.agent.GuestClockSynced;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.GuestPanickedOnHost;
import dev.hyperplane.events.agent.HotAddFailedOnHost;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.MemoryMovedOnHost;
import dev.hyperplane.events.agent.MigrationFailedOnHost;
import dev.hyperplane.events.agent.MigrationPassCompletedOnHost;
import dev.hyperplane.events.agent.SmartPagingChangedOnHost;
import dev.hyperplane.events.agent.VideoModeChangedOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import dev.hyperplane.events.agent.VmbusConnectedOnHost;
import dev.hyperplane.hyperv.EngineEvent;
import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates what one host's engine reports into the public contract (hyperplane.agent.events). Every engine event
 * has its contract event except the opt-in per-second {@link EngineEvent.DmStatusReported}: the same numbers go out
 * batched in the host's telemetry.
 */
final class AgentEvents {
    private final String hostId;
    private final SimulatedHost engine;
    private final LisMatrix matrix;

    AgentEvents(String hostId, SimulatedHost engine, LisMatrix matrix) {
        this.hostId = hostId;
        this.engine = engine;
        this.matrix = matrix;
    }

    Optional<PublicEvent> of(EngineEvent event) {
        Instant at = Instant.now();
        String vm = event.vmId();
        long t = event.atMillis();
        PublicEvent out = null;
        if (event instanceof EngineEvent.VmStateChanged e) {
            out = new VmStateChangedOnHost(hostId, vm, name(e.from()), name(e.to()), e.reason(), t, at);
        } else if (event instanceof EngineEvent.KvpItemsChanged e) {
            Map<String, String> items = e.intrinsic();
            out = new GuestInfoReported(hostId, vm, items.getOrDefault("FullyQualifiedDomainName", ""),
                    items.getOrDefault("NetworkAddressIPv4", ""), items.getOrDefault("NetworkAddressIPv6", ""),
                    items.getOrDefault("OSName", ""), items.getOrDefault("OSVersion", ""),
                    items.getOrDefault("IntegrationServicesVersion", ""),
                    items.getOrDefault("ProcessorArchitecture", ""), at);
        } else if (event instanceof EngineEvent.HeartbeatStatusChanged e) {
            out = new GuestHeartbeatChanged(hostId, vm, name(e.to()), at);
        } else if (event instanceof EngineEvent.VmbusConnected e) {
            out = new VmbusConnectedOnHost(hostId, vm, e.version(), e.offers(), t, at);
        } else if (event instanceof EngineEvent.ChannelsOpened e) {
            out = new VmbusChannelsOpened(hostId, vm, e.channels().stream()
                    .map(c -> new VmbusChannelsOpened.Channel(c.device().name(), c.instanceId().toString(),
                            c.subChannelIndex(), c.targetVcpu())).toList(), t, at);
        } else if (event instanceof EngineEvent.IntegrationServicesNegotiated e) {
            out = capabilities(vm, e.versions(), t, at);
        } else if (event instanceof EngineEvent.GuestClockSynced e) {
            out = new GuestClockSynced(hostId, vm, e.correctedMillis(), t, at);
        } else if (event instanceof EngineEvent.MemoryMoved e) {
            out = new MemoryMovedOnHost(hostId, vm, e.kind(), e.requestedMb(), e.movedMb(), e.assignedMb(), t, at);
        } else if (event instanceof EngineEvent.HotAddFailed e) {
            out = new HotAddFailedOnHost(hostId, vm, e.permanent(), e.reason(), t, at);
        } else if (event instanceof EngineEvent.SmartPagingStarted e) {
            out = new SmartPagingChangedOnHost(hostId, vm, true, e.pagedMb(), t, at);
        } else if (event instanceof EngineEvent.SmartPagingEnded) {
            out = new SmartPagingChangedOnHost(hostId, vm, false, 0, t, at);
        } else if (event instanceof EngineEvent.GuestPanicked) {
            out = new GuestPanickedOnHost(hostId, vm, t, at);
        } else if (event instanceof EngineEvent.CrashDumpCaptured e) {
            out = new CrashDumpReported(hostId, vm, true, e.dumpMb(), null, t, at);
        } else if (event instanceof EngineEvent.CrashDumpFailed e) {
            out = new CrashDumpReported(hostId, vm, false, 0, e.reason(), t, at);
        } else if (event instanceof EngineEvent.BackupCompleted e) {
            out = new BackupCompletedOnHost(hostId, vm, e.backupId(), e.consistency(), e.reason(), t, at, e.full(),
                    e.basedOn(), e.readMb(), e.freezeMs(), e.durationMs(), e.disks().stream()
                    .map(d -> new DiskContent(d.index(), d.sizeMb(), d.allocatedMb(),
                            d.generation())).toList());
        } else if (event instanceof EngineEvent.MigrationPassCompleted e) {
            out = new MigrationPassCompletedOnHost(hostId, vm, e.destination(), e.pass(), e.sentMb(), e.dirtyMb(), t,
                    at, e.durationMs(), e.allowedDowntimeMs());
        } else if (event instanceof EngineEvent.MigratedOut e) {
            out = new VmMigratedOnHost(hostId, vm, e.destination(), e.passes(), e.downtimeMs(), t, at);
        } else if (event instanceof EngineEvent.MigrationFailed e) {
            out = new MigrationFailedOnHost(hostId, vm, e.destination(), e.reason(), t, at);
        } else if (event instanceof EngineEvent.VideoModeChanged e) {
            out = new VideoModeChangedOnHost(hostId, vm, e.width(), e.height(), e.protocol(), t, at);
        } else if (event instanceof EngineEvent.FileCopied e) {
            out = new FileCopiedOnHost(hostId, vm, e.path(), e.bytes(), e.fragments(), t, at);
        } else if (event instanceof EngineEvent.ProcessorCountChanged
                || event instanceof EngineEvent.MemorySettingsChanged) {
            VmSpec spec = engine.vmView(vm).spec();
            out = new VmSettingsChangedOnHost(hostId, vm, spec.vcpus(), spec.memory().startupMb(),
                    plan(spec.memory()), t, at);
        }
        return Optional.ofNullable(out);
    }

    /** The negotiated services with what the support tables let this guest use on this host, and why not. */
    private IntegrationServicesNegotiated capabilities(String vmId, Map<String, String> services, long t, Instant at) {
        Guest guest = engine.vmView(vmId).spec().guest();
        List<String> supported = new ArrayList<>();
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            if (guest.supports(feature, engine.spec().version(), matrix)) {
                supported.add(feature.name());
            } else {
                unsupported.put(feature.name(), guest.whyNot(feature, engine.spec().version(), matrix));
            }
        }
        return new IntegrationServicesNegotiated(hostId, vmId, services, supported, unsupported, t, at);
    }

    static MemoryPlan plan(MemorySettings memory) {
        return memory.dynamic()
                ? new MemoryPlan(true, memory.minimumMb(), memory.maximumMb(), memory.bufferPercent(), memory.priority())
                : MemoryPlan.fixed(memory.startupMb());
    }

    /** OFF -> "Off", LOST_COMMUNICATION -> "LostCommunication": the contract's spelling. */
    static String name(Enum<?> value) {
        StringBuilder out = new StringBuilder();
        for (String part : value.name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase());
        }
        return out.toString();
    }
}
