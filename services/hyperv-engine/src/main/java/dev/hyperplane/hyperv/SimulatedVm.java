package dev.hyperplane.hyperv;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One VM's runtime state inside a {@link SimulatedHost}. Mutable, single-threaded, engine-internal. */
final class SimulatedVm {
    static final int HEARTBEAT_PERIOD_MS = 2_000;
    /** Consecutive unanswered heartbeats after which Hyper-V reports lost communication (an assumption). */
    static final int HEARTBEATS_MISSED_FOR_LOST = 3;
    static final int TIME_SAMPLE_PERIOD_MS = 5_000;

    final String vmId;
    /** Replaced when memory settings change. */
    VmSpec spec;
    List<Channel> channels;
    /** The device classes the guest has drivers for (derived from {@link #channels}, kept for speed). */
    final Set<DeviceClass> devices = EnumSet.noneOf(DeviceClass.class);
    final double phase;
    final double driftPpm;

    VmState state = VmState.OFF;
    long stateSince;
    /** Power-on time of the current boot; boot steps are timed from it. */
    long bootedAt = -1;
    long assignedMb;
    boolean vmbusConnected;
    boolean icNegotiated;
    boolean kvpDaemonRunning;
    boolean kvpDaemonStopped;
    boolean heartbeatStalled;
    long heartbeatSequence;
    int heartbeatsMissed;
    HeartbeatStatus heartbeat = HeartbeatStatus.NO_CONTACT;
    double guestClockOffsetMs;
    final Map<String, String> externalKvp = new LinkedHashMap<>();
    /** The guest's Dynamic Memory driver; {@code null} for static memory or a guest without one. */
    BalloonDriver balloon;
    /** What the guest's workload has committed now. */
    long workloadMb;
    /** Whether the workload commits more than the VM holds (an out-of-memory episode is under way). */
    boolean outOfMemory;
    /** The committed figure of the guest's last DM status report; 0 before the first. */
    long reportedDemandMb;
    /** Part of {@link #assignedMb} that lives in a Smart Paging file, not in host RAM. */
    long smartPagingMb;
    /** When the guest kernel panicked; -1 when it runs normally. */
    long panickedAt = -1;
    boolean vssDaemonStopped;
    boolean freezeHangs;
    int videoWidth = 1024;
    int videoHeight = 768;
    /** Files copied in from the host (Copy-VMFile), by path. */
    final Set<String> files = new java.util.HashSet<>();
    /** The backup in progress, or null. */
    BackupJob backup;
    /** The outgoing live migration in progress, or null. */
    MigrationJob migration;

    /** A backup checkpoint being taken: when it completes and with what consistency. */
    record BackupJob(String backupId, long completesAt, String consistency, String reason) {
    }

    /** A live migration under way: its plan, when it started and how many passes were reported. */
    static final class MigrationJob {
        final String destination;
        final LiveMigration.Plan plan;
        final long startedAt;
        int passesReported;

        MigrationJob(String destination, LiveMigration.Plan plan, long startedAt) {
            this.destination = destination;
            this.plan = plan;
            this.startedAt = startedAt;
        }
    }
    Map<String, String> intrinsicKvp = Map.of();

    SimulatedVm(String vmId, VmSpec spec, List<Channel> channels, double phase, double driftPpm,
                BalloonDriver balloon) {
        this.balloon = balloon;
        this.vmId = vmId;
        this.spec = spec;
        relayout(channels);
        this.phase = phase;
        this.driftPpm = driftPpm;
    }

    /** A new set of channels, e.g. after Dynamic Memory was switched on or off. */
    void relayout(List<Channel> newChannels) {
        channels = newChannels;
        devices.clear();
        newChannels.forEach(c -> devices.add(c.device()));
    }

    boolean opened(DeviceClass device) {
        return vmbusConnected && devices.contains(device);
    }

    long sinceBoot(long now) {
        return bootedAt < 0 ? -1 : now - bootedAt;
    }

    /** Whether the host's balancer manages this VM now: DM channel open and status reports flowing. */
    boolean dmReporting() {
        return balloon != null && reportedDemandMb > 0;
    }

    /** Host RAM the VM holds (Smart Paging memory is on disk). */
    long physicalMb() {
        return assignedMb - smartPagingMb;
    }

    /** Forgets everything the running guest had negotiated: power-off, reset or save. */
    void guestGone() {
        reportedDemandMb = 0;
        if (balloon != null) {
            balloon.balloonedMb = 0;
            balloon.hotAddedMb = 0;
            balloon.hotAddPermanentlyFailed = false;
        }
        bootedAt = -1;
        panickedAt = -1;
        backup = null;
        vmbusConnected = false;
        icNegotiated = false;
        kvpDaemonRunning = false;
        heartbeatsMissed = 0;
    }
}
