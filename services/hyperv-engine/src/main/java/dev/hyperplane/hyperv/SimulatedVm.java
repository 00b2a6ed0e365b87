package dev.hyperplane.hyperv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One VM's runtime state inside a {@link SimulatedHost}. Mutable, single-threaded, engine-internal. */
final class SimulatedVm {
    static final int HEARTBEAT_PERIOD_MS = 2_000;
    /** Consecutive unanswered heartbeats after which Hyper-V reports lost communication (an assumption). */
    static final int HEARTBEATS_MISSED_FOR_LOST = 3;
    static final int TIME_SAMPLE_PERIOD_MS = 5_000;

    final String vmId;
    final VmSpec spec;
    final List<Channel> channels;
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
    Map<String, String> intrinsicKvp = Map.of();

    SimulatedVm(String vmId, VmSpec spec, List<Channel> channels, double phase, double driftPpm) {
        this.vmId = vmId;
        this.spec = spec;
        this.channels = channels;
        this.phase = phase;
        this.driftPpm = driftPpm;
    }

    boolean opened(DeviceClass device) {
        return vmbusConnected && channels.stream().anyMatch(c -> c.device() == device);
    }

    long sinceBoot(long now) {
        return bootedAt < 0 ? -1 : now - bootedAt;
    }

    /** Forgets everything the running guest had negotiated: power-off, reset or save. */
    void guestGone() {
        bootedAt = -1;
        vmbusConnected = false;
        icNegotiated = false;
        kvpDaemonRunning = false;
        heartbeatsMissed = 0;
    }
}
