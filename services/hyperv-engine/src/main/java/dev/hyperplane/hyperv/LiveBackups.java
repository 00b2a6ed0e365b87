package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;

import java.io.Serializable;

/**
 * Backups of VMs, as Hyper-V takes them: a checkpoint, then the backup reads the disks from it.
 * <ul>
 *   <li>A running Windows guest: a production checkpoint through the guest's VSS writers, application-consistent.</li>
 *   <li>A running Linux guest whose distribution has live backup (the support tables) and whose {@code hv_vss_daemon}
 *   answers: the daemon freezes the file systems for the checkpoint and thaws them, file-system-consistent.</li>
 *   <li>Otherwise crash-consistent, with the reason: the guest lacks the feature, the daemon does not answer, the
 *   freeze fails, or it hangs and is thawed after {@link #FREEZE_TIMEOUT_MS}. A freeze always ends in a thaw.</li>
 *   <li>An Off or Saved VM is backed up offline.</li>
 * </ul>
 * The checkpoint captures the disks' content ({@link VirtualDisks#checkpoint}); the backup then reads every allocated
 * block (full) or only what changed since the last backup (incremental, where the host tracks changes) at
 * {@link #READ_MB_PER_S}. Once the checkpoint exists the read goes on whatever the guest does, as reading a
 * checkpoint's files does; it completes with {@link EngineEvent.BackupCompleted}, and only then is the checkpoint the
 * reference point for the next one. A host that loses power loses the backups it was taking.
 */
final class LiveBackups implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Linux VSS daemon freeze timeout of the 2013-era driver. */
    static final long FREEZE_TIMEOUT_MS = 10_000;
    /** How long VSS writers hold a Windows guest's I/O for the checkpoint (well inside VSS's 10 s freeze limit). */
    static final long WINDOWS_FREEZE_MS = 2_000;
    /** How long hv_vss_daemon holds the file systems frozen for the checkpoint. */
    static final long LINUX_FREEZE_MS = 1_000;
    /** How fast a backup reads a checkpoint's disks (the simulation's storage and backup network; an assumption). */
    static final double READ_MB_PER_S = 250;

    /** A VM's VSS side: the guest daemon's faults and the backup being taken; changed only here. */
    static final class Vss implements Serializable {
        private static final long serialVersionUID = 1L;

        private boolean daemonStopped;
        private boolean freezeHangs;
        private boolean freezeFails;
        /** The backup in progress, or null. */
        private Job job;

        /** The host lost power: the backup it was taking is gone. */
        void lost() {
            job = null;
        }

        /** Whether the guest's file systems are frozen now (it writes nothing). */
        boolean frozen(long now) {
            return job != null && now < job.thawAt();
        }
    }

    /** A backup being taken: when its guest thaws and when it has read everything, with what consistency. */
    private record Job(String backupId, long startedAt, long thawAt, long completesAt, long freezeMs,
                       String consistency, String reason, VirtualDisks.Checkpoint checkpoint) implements Serializable {
    }

    private final HostContext host;
    private final VirtualDisks disks;
    private int backups;

    LiveBackups(HostContext host, VirtualDisks disks) {
        this.host = host;
        this.disks = disks;
    }

    /**
     * @param backupId the id {@link EngineEvent.BackupCompleted} reports (the caller's, so it can tell its backups
     *                 apart); null: one of the host's own
     * @return the backup id
     */
    String backup(String vmId, String backupId) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.vss.job != null) {
            throw new CommandRejected("a backup of VM " + vmId + " is already running");
        }
        backups++;
        if (backupId == null) {
            backupId = vmId + "-backup-" + backups;
        }
        if (!vm.state().guestRuns()) {
            start(vm, backupId, 0, "offline", "the VM is " + vm.state());
            return backupId;
        }
        Guest guest = vm.guest();
        if (guest.isWindows()) {
            start(vm, backupId, WINDOWS_FREEZE_MS, "application", "VSS writers in the guest");
        } else if (!host.supports(guest, Feature.LIVE_BACKUP)) {
            start(vm, backupId, 0, "crash", host.whyNot(guest, Feature.LIVE_BACKUP));
        } else if (!vm.opened(DeviceClass.VSS) || vm.vss.daemonStopped || vm.crash.panicked()) {
            start(vm, backupId, 0, "crash", "the guest's hv_vss_daemon did not answer the freeze request");
        } else if (vm.vss.freezeHangs) {
            start(vm, backupId, FREEZE_TIMEOUT_MS, "crash", "the file-system freeze timed out after "
                    + FREEZE_TIMEOUT_MS / 1000 + " s; thawed");
        } else if (vm.vss.freezeFails) {
            start(vm, backupId, 0, "crash", "the file-system freeze failed in the guest; thawed");
        } else {
            start(vm, backupId, LINUX_FREEZE_MS, "file-system", "hv_vss_daemon froze and thawed the file systems");
        }
        return backupId;
    }

    /** The checkpoint now (the guest writes nothing while frozen), then the read. */
    private void start(SimulatedVm vm, String backupId, long freezeMs, String consistency, String reason) {
        long now = host.now();
        VirtualDisks.Checkpoint checkpoint = disks.checkpoint(vm);
        long readMs = Math.max(1_000, Math.round(checkpoint.readMb() / READ_MB_PER_S * 1000));
        vm.vss.job = new Job(backupId, now, now + freezeMs, now + freezeMs + readMs, freezeMs, consistency, reason,
                checkpoint);
    }

    /** One second of the host, for each of its VMs: a backup that has read everything completes. */
    void step(SimulatedVm vm) {
        Job job = vm.vss.job;
        if (job != null && host.now() >= job.completesAt()) {
            vm.vss.job = null;
            disks.referenceAt(vm, job.backupId(), job.checkpoint());
            VirtualDisks.Checkpoint c = job.checkpoint();
            host.emit(new EngineEvent.BackupCompleted(host.now(), vm.vmId, job.backupId(), job.consistency(),
                    job.reason(), c.full(), c.basedOn(), c.readMb(), job.freezeMs(), host.now() - job.startedAt(),
                    c.images()));
        }
    }

    /** Fault: the guest's hv_vss_daemon is not running (or, {@code stopped} false, running again). */
    void stopVssDaemon(String vmId, boolean stopped) {
        host.vm(vmId).vss.daemonStopped = stopped;
    }

    /** Fault: the guest's file-system freeze never returns (e.g. a hung mount), or returns again. */
    void hangFreeze(String vmId, boolean hangs) {
        host.vm(vmId).vss.freezeHangs = hangs;
    }

    /** Fault: the guest's file-system freeze fails at once (a file system that cannot be frozen), or works again. */
    void failFreeze(String vmId, boolean fails) {
        host.vm(vmId).vss.freezeFails = fails;
    }
}
