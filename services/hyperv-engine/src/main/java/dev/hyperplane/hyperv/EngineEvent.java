package dev.hyperplane.hyperv;

import java.util.List;
import java.util.Map;

/** What a simulated host reports. {@code atMillis} is the host's virtual clock. */
public sealed interface EngineEvent {

    long atMillis();

    String vmId();

    record VmStateChanged(long atMillis, String vmId, VmState from, VmState to, String reason) implements EngineEvent {
    }

    /** The guest's VMBus driver and the host agreed on a protocol version ({@code major.minor}). */
    record VmbusConnected(long atMillis, String vmId, String version, int offers) implements EngineEvent {
    }

    record ChannelsOpened(long atMillis, String vmId, List<Channel> channels) implements EngineEvent {
    }

    /** Integration services the guest negotiated, with the service versions agreed. */
    record IntegrationServicesNegotiated(long atMillis, String vmId, Map<String, String> versions)
            implements EngineEvent {
    }

    record HeartbeatStatusChanged(long atMillis, String vmId, HeartbeatStatus from, HeartbeatStatus to)
            implements EngineEvent {
    }

    /** The intrinsic (AUTO pool) items the guest's KVP daemon reports; empty when the daemon stops. */
    record KvpItemsChanged(long atMillis, String vmId, Map<String, String> intrinsic) implements EngineEvent {
    }

    /** Time sync sent SYNC (boot, resume): the guest stepped its clock to the host's. */
    record GuestClockSynced(long atMillis, String vmId, long correctedMillis) implements EngineEvent {
    }

    /**
     * Dynamic Memory moved memory for a VM.
     *
     * @param kind {@code balloon} (host reclaimed), {@code unballoon} (returned) or {@code hot-add}
     */
    record MemoryMoved(long atMillis, String vmId, String kind, long requestedMb, long movedMb, long assignedMb)
            implements EngineEvent {
    }

    /** The guest could not hot-add memory; {@code permanent}: the host stops trying for this VM. */
    record HotAddFailed(long atMillis, String vmId, boolean permanent, String reason) implements EngineEvent {
    }

    /** A restarting VM got part of its startup memory from a Smart Paging file because the host was full. */
    record SmartPagingStarted(long atMillis, String vmId, long pagedMb) implements EngineEvent {
    }

    /** The balloon removed the last Smart Paging memory; the file is deleted. */
    record SmartPagingEnded(long atMillis, String vmId) implements EngineEvent {
    }
}
