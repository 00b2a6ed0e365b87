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

    /**
     * The guest's workload committed more memory than the VM holds: the guest's out-of-memory killer ran
     * (simulated guests have no swap). Reported once per episode, until the workload fits again.
     */
    record GuestOutOfMemory(long atMillis, String vmId, long committedMb, long assignedMb) implements EngineEvent {
    }

    /** A restarting VM got part of its startup memory from a Smart Paging file because the host was full. */
    record SmartPagingStarted(long atMillis, String vmId, long pagedMb) implements EngineEvent {
    }

    /** The balloon removed the last Smart Paging memory; the file is deleted. */
    record SmartPagingEnded(long atMillis, String vmId) implements EngineEvent {
    }

    /** The guest kernel panicked. */
    record GuestPanicked(long atMillis, String vmId) implements EngineEvent {
    }

    /** kdump's crash kernel re-attached to VMBus and wrote a dump. */
    record CrashDumpCaptured(long atMillis, String vmId, long dumpMb) implements EngineEvent {
    }

    /** The crash kernel could not write a dump; {@code reason} says why (e.g. the host lacks VMBus reconnect). */
    record CrashDumpFailed(long atMillis, String vmId, String reason) implements EngineEvent {
    }

    /**
     * A backup of the VM completed: its checkpoint was taken and its disks read.
     *
     * @param consistency {@code application} (Windows VSS writers), {@code file-system} (Linux VSS daemon froze the
     *                    file systems), {@code crash} (no usable VSS in the guest) or {@code offline} (VM not running)
     * @param reason      why this consistency
     * @param full        every allocated block read; false: only what changed since {@code basedOn} (incremental)
     * @param basedOn     the backup an incremental one builds on; null for a full one
     * @param readMb      what the backup read (its size)
     * @param freezeMs    how long the guest's I/O was held for the checkpoint (0 for crash-consistent and offline)
     * @param durationMs  from the request to the last block read
     * @param disks       the disks' content at the checkpoint: what a restore writes back
     */
    record BackupCompleted(long atMillis, String vmId, String backupId, String consistency, String reason,
                           boolean full, String basedOn, long readMb, long freezeMs, long durationMs,
                           List<DiskImage> disks) implements EngineEvent {
    }

    /**
     * One pre-copy pass of a live migration to {@code destination} finished.
     *
     * @param dirtyMb           what the workload dirtied during it: still to send
     * @param allowedDowntimeMs the allowed downtime it was judged against
     */
    record MigrationPassCompleted(long atMillis, String vmId, String destination, int pass, long sentMb, long dirtyMb,
                                  long durationMs, long allowedDowntimeMs) implements EngineEvent {
    }

    /**
     * The blackout: the VM is frozen here and {@code handOff} is what the destination accepts; then the source is
     * told to complete (or, should the destination refuse, to abort and run on).
     */
    record MigrationReadyForHandOff(long atMillis, String vmId, String destination, int passes, long downtimeMs,
                                    MigratedVm handOff) implements EngineEvent {
    }

    /** The VM left this host: the destination runs it. */
    record MigratedOut(long atMillis, String vmId, String destination, int passes, long downtimeMs)
            implements EngineEvent {
    }

    /** The live migration ended without moving the VM; it keeps running here. */
    record MigrationFailed(long atMillis, String vmId, String destination, String reason) implements EngineEvent {
    }

    /** The guest's synthetic video mode changed. */
    record VideoModeChanged(long atMillis, String vmId, int width, int height, String protocol) implements EngineEvent {
    }

    /** A file copied from the host into the guest (Copy-VMFile). */
    record FileCopied(long atMillis, String vmId, String path, long bytes, int fragments) implements EngineEvent {
    }

    /**
     * A guest's 1 s Dynamic Memory status report, emitted only when the host was asked to
     * ({@link SimulatedHost#reportDmStatus}): a fleet produces millions of these an hour.
     */
    record DmStatusReported(long atMillis, String vmId, long committedMb, long assignedMb, int pressure)
            implements EngineEvent {
    }

    /** Set-VMProcessor -Count: the VM has a new number of virtual processors (and a new channel layout). */
    record ProcessorCountChanged(long atMillis, String vmId, int vcpus) implements EngineEvent {
    }

    /** The VM's memory settings changed while it ran or stood still. */
    record MemorySettingsChanged(long atMillis, String vmId, MemorySettings settings) implements EngineEvent {
    }
}
