package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a migration carries to the destination host: the VM's definition and its state, running (live) or saved to
 * the shared storage (quick: the destination restores it).
 *
 * @param workloadPhase where the guest's workload is in its cycle: the same guest goes on doing the same thing
 *                      there (a hand-off recorded before it was carried reads 0)
 */
public record MigratedVm(String vmId, VmSpec spec, long assignedMb, long heartbeatSequence,
                         Map<String, String> externalKvp, boolean saved, List<Disk> disks, double workloadPhase)
        implements Serializable {

    /**
     * A disk as the destination finds it on the shared storage: its content and its change tracking (the RCT
     * files lie beside the VHDX), so the next backup stays incremental.
     *
     * @param changedMb changed since the reference point
     * @param reference the backup whose checkpoint is the reference point; null when there is none
     */
    public record Disk(DiskImage image, long changedMb, String reference) implements Serializable {
    }

    public MigratedVm(String vmId, VmSpec spec, long assignedMb, long heartbeatSequence,
                      Map<String, String> externalKvp) {
        this(vmId, spec, assignedMb, heartbeatSequence, externalKvp, false, null, 0);
    }
}
