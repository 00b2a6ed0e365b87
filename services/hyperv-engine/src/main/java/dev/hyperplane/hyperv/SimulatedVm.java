package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;

import java.io.Serializable;
import java.util.List;

/**
 * One VM inside a {@link SimulatedHost}: its identity and definition, and the state each feature of the host
 * keeps for it. Each part is a nested class of the feature that owns it and changes only through that
 * feature's operations. Single-threaded, engine-internal.
 */
final class SimulatedVm implements Serializable {
    private static final long serialVersionUID = 1L;

    static final int HEARTBEAT_PERIOD_MS = 2_000;
    /** Consecutive unanswered heartbeats after which Hyper-V reports lost communication (an assumption). */
    static final int HEARTBEATS_MISSED_FOR_LOST = 3;
    static final int TIME_SAMPLE_PERIOD_MS = 5_000;

    final String vmId;
    /** Where in its daily pattern the workload is (seeded per VM). */
    final double phase;
    /** How fast the guest clock drifts while nothing corrects it, in ppm (seeded per VM). */
    final double driftPpm;
    private VmSpec spec;
    /** Null only in a snapshot taken before the engine modelled disks: then installed at first use. */
    private VirtualDisks.Disks disks;

    final VmLifecycle.Power power = new VmLifecycle.Power();
    final IntegrationServices.Connection services;
    final DynamicMemory.Allocation memory;
    final LiveBackups.Vss vss = new LiveBackups.Vss();
    final LiveMigrations.Outgoing migration = new LiveMigrations.Outgoing();
    final Faults.Crash crash = new Faults.Crash();
    final Video.Display display = new Video.Display();

    SimulatedVm(String vmId, VmSpec spec, List<Channel> channels, double phase, double driftPpm,
                BalloonDriver balloon) {
        this.vmId = vmId;
        this.spec = spec;
        this.services = new IntegrationServices.Connection(channels);
        this.phase = phase;
        this.driftPpm = driftPpm;
        this.memory = new DynamicMemory.Allocation(balloon);
        this.disks = VirtualDisks.installed(spec);
    }

    VirtualDisks.Disks disks() {
        if (disks == null) {
            disks = VirtualDisks.installed(spec);
        }
        return disks;
    }

    /** Its disks replaced: by a restore, or by the disks a migration brought along. */
    void restoreDisks(VirtualDisks.Disks replaced) {
        disks = replaced;
    }

    VmSpec spec() {
        return spec;
    }

    Guest guest() {
        return spec.guest();
    }

    VmState state() {
        return power.state();
    }

    /** A changed definition: processor count, memory settings or workload. */
    void respec(VmSpec changed) {
        spec = changed;
    }

    boolean opened(DeviceClass device) {
        return services.opened(device);
    }

    /** Forgets everything the running guest had negotiated: power-off, reset or save. */
    void guestGone() {
        memory.guestGone();
        power.guestGone();
        crash.guestGone();
        services.guestGone();
    }
}
