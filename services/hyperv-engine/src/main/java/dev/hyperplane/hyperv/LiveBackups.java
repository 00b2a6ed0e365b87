package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;

import java.io.Serializable;

/**
 * Backup checkpoints of running VMs: a production checkpoint through the guest's VSS when it can (Windows:
 * application-consistent; Linux with live-backup support and its hv_vss_daemon: file-system-consistent after
 * freeze/thaw), else crash-consistent; an Off or Saved VM is backed up offline at once.
 */
final class LiveBackups implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Linux VSS daemon freeze timeout of the 2013-era driver. */
    static final long FREEZE_TIMEOUT_MS = 10_000;

    /** A VM's VSS side: the guest daemon's faults and the checkpoint being taken; changed only here. */
    static final class Vss implements Serializable {
        private static final long serialVersionUID = 1L;

        private boolean daemonStopped;
        private boolean freezeHangs;
        /** The backup in progress, or null. */
        private Job job;

        void guestGone() {
            job = null;
        }
    }

    /** A backup checkpoint being taken: when it completes and with what consistency. */
    private record Job(String backupId, long completesAt, String consistency, String reason) implements Serializable {
    }

    private final HostContext host;
    private int backups;

    LiveBackups(HostContext host) {
        this.host = host;
    }

    /** @return the backup id reported in {@link EngineEvent.BackupCompleted} */
    String backup(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.vss.job != null) {
            throw new CommandRejected("a backup of VM " + vmId + " is already running");
        }
        long now = host.now();
        String backupId = vmId + "-backup-" + (++backups);
        if (!vm.state().guestRuns()) {
            host.emit(new EngineEvent.BackupCompleted(now, vmId, backupId, "offline", "the VM is " + vm.state()));
            return backupId;
        }
        Guest guest = vm.guest();
        if (guest.isWindows()) {
            vm.vss.job = new Job(backupId, now + 3_000, "application", "VSS writers in the guest");
        } else if (!host.supports(guest, Feature.LIVE_BACKUP)) {
            vm.vss.job = new Job(backupId, now + 1_000, "crash", host.whyNot(guest, Feature.LIVE_BACKUP));
        } else if (!vm.opened(DeviceClass.VSS) || vm.vss.daemonStopped || vm.crash.panicked()) {
            vm.vss.job = new Job(backupId, now + 1_000, "crash",
                    "the guest's hv_vss_daemon did not answer the freeze request");
        } else if (vm.vss.freezeHangs) {
            vm.vss.job = new Job(backupId, now + FREEZE_TIMEOUT_MS, "crash",
                    "the file-system freeze timed out after " + FREEZE_TIMEOUT_MS / 1000 + " s; thawed");
        } else {
            vm.vss.job = new Job(backupId, now + 3_000, "file-system", "hv_vss_daemon froze and thawed the file systems");
        }
        return backupId;
    }

    /** One second of a running guest: a checkpoint whose time has come completes. */
    void runGuest(SimulatedVm vm) {
        Job job = vm.vss.job;
        if (job != null && host.now() >= job.completesAt()) {
            vm.vss.job = null;
            host.emit(new EngineEvent.BackupCompleted(host.now(), vm.vmId, job.backupId(), job.consistency(),
                    job.reason()));
        }
    }

    /** Fault: the guest's hv_vss_daemon is not running. */
    void stopVssDaemon(String vmId) {
        host.vm(vmId).vss.daemonStopped = true;
    }

    /** Fault: the guest's file-system freeze never returns (e.g. a hung mount). */
    void hangFreeze(String vmId) {
        host.vm(vmId).vss.freezeHangs = true;
    }
}
