package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.HostVersion;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A VM's virtual disks (dynamically expanding VHDX files on the shared storage): their size, what the guest has
 * written (allocated), the content's generation, and what changed since the last backup's reference point.
 * <p>
 * A running guest writes {@link Workload#diskWriteMbPerSec()} spread over its disks; while a backup freezes its
 * file systems it writes nothing. Part of what it writes is new data ({@link #NEW_DATA_FRACTION}), the rest
 * overwrites blocks it had. Changed blocks are tracked from the reference point a backup leaves:
 * <ul>
 *   <li>on Windows Server 2016 and later hosts Hyper-V tracks them itself (resilient change tracking, RCT), so a
 *   backup after the first reads only what changed (incremental);</li>
 *   <li>on 2012 R2 and older there is no tracking a backup can use: every backup reads every allocated block
 *   (full).</li>
 * </ul>
 * A reference point becomes the base only when its backup completes, so a backup that never completes loses no
 * change. A restored disk has no reference point: its next backup is full. The sizes are the simulation's
 * defaults: the system disk is Hyper-V's default new VHDX size (127 GB) with what a fresh install holds; data disks
 * 100 GB with 1 GB written.
 */
final class VirtualDisks implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long SYSTEM_DISK_MB = 127 * 1024;
    static final long DATA_DISK_MB = 100 * 1024;
    static final long WINDOWS_INSTALL_MB = 12 * 1024;
    static final long LINUX_INSTALL_MB = 4 * 1024;
    static final long DATA_DISK_WRITTEN_MB = 1024;
    /** The share of writes that is new data (grows the allocation); the rest overwrites. */
    static final double NEW_DATA_FRACTION = 0.05;

    /** One disk: changed only here. */
    static final class Disk implements Serializable {
        private static final long serialVersionUID = 1L;

        private final int index;
        private final long sizeMb;
        private double allocatedMb;
        private long generation;
        /** Changed since the reference point, as blocks written (bounded by the allocation when read). */
        private double changedMb;
        /** The backup whose checkpoint is the reference point; null: none, the next backup is full. */
        private String reference;

        Disk(int index, long sizeMb, double allocatedMb) {
            this.index = index;
            this.sizeMb = sizeMb;
            this.allocatedMb = allocatedMb;
        }

        DiskImage image() {
            return new DiskImage(index, sizeMb, Math.round(allocatedMb), generation);
        }

        long changedMb() {
            return Math.round(Math.min(changedMb, allocatedMb));
        }

        String reference() {
            return reference;
        }
    }

    /** A VM's disks. */
    static final class Disks implements Serializable {
        private static final long serialVersionUID = 1L;

        private final List<Disk> disks = new ArrayList<>();

        List<Disk> all() {
            return disks;
        }

        List<DiskImage> images() {
            return disks.stream().map(Disk::image).toList();
        }
    }

    /** What a backup's checkpoint captured, and what it must read. */
    record Checkpoint(List<DiskImage> images, boolean full, String basedOn, long readMb, double[] changedAtCheckpoint)
            implements Serializable {
    }

    private final HostContext host;

    VirtualDisks(HostContext host) {
        this.host = host;
    }

    /** The disks of a newly defined VM, as installed. */
    static Disks installed(VmSpec spec) {
        Disks disks = new Disks();
        for (int i = 0; i < Math.max(1, spec.disks()); i++) {
            disks.disks.add(i == 0
                    ? new Disk(0, SYSTEM_DISK_MB, spec.guest().isWindows() ? WINDOWS_INSTALL_MB : LINUX_INSTALL_MB)
                    : new Disk(i, DATA_DISK_MB, DATA_DISK_WRITTEN_MB));
        }
        return disks;
    }

    /** The disks with their tracking, as a migration carries them. */
    static List<MigratedVm.Disk> carried(Disks disks) {
        return disks.disks.stream().map(d -> new MigratedVm.Disk(d.image(), d.changedMb(), d.reference)).toList();
    }

    /** The disks a migrated VM brings along (the same files on the shared storage), tracking included. */
    static Disks arrived(List<MigratedVm.Disk> carried, VmSpec spec) {
        if (carried == null || carried.isEmpty()) {
            return installed(spec); // from an engine that did not carry disks yet
        }
        Disks disks = new Disks();
        for (MigratedVm.Disk d : carried) {
            Disk disk = new Disk(d.image().index(), d.image().sizeMb(), d.image().allocatedMb());
            disk.generation = d.image().generation();
            disk.changedMb = d.changedMb();
            disk.reference = d.reference();
            disks.disks.add(disk);
        }
        return disks;
    }

    /** Whether this host tracks changed blocks for backups (RCT, Windows Server 2016 and later). */
    boolean tracksChanges() {
        return host.spec.version().compareTo(HostVersion.WS2016) >= 0;
    }

    /** One second of a running guest: it writes unless a backup froze its file systems. */
    void runGuest(SimulatedVm vm, boolean frozen) {
        double writes = vm.spec().workload().diskWriteMbPerSec();
        if (frozen || writes <= 0) {
            return;
        }
        List<Disk> disks = vm.disks().all();
        double each = writes / disks.size();
        for (Disk disk : disks) {
            disk.allocatedMb = Math.min(disk.sizeMb, disk.allocatedMb + each * NEW_DATA_FRACTION);
            disk.changedMb += each;
            disk.generation++;
        }
    }

    /**
     * A backup's checkpoint: the disks' content now, and what the backup reads: every allocated block (full) when
     * the host does not track changes or a disk has no reference point yet, else what changed since the reference.
     */
    Checkpoint checkpoint(SimulatedVm vm) {
        List<Disk> disks = vm.disks().all();
        String basedOn = disks.get(0).reference;
        boolean full = !tracksChanges() || disks.stream().anyMatch(d -> d.reference == null
                || !d.reference.equals(disks.get(0).reference));
        long read = 0;
        double[] changed = new double[disks.size()];
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            changed[i] = disk.changedMb;
            read += full ? Math.round(disk.allocatedMb) : disk.changedMb();
        }
        return new Checkpoint(vm.disks().images(), full, full ? null : basedOn, read, changed);
    }

    /** The backup completed: its checkpoint is the new reference point; what changed since counts from it. */
    void referenceAt(SimulatedVm vm, String backupId, Checkpoint checkpoint) {
        if (!tracksChanges()) {
            return;
        }
        List<Disk> disks = vm.disks().all();
        for (int i = 0; i < disks.size() && i < checkpoint.changedAtCheckpoint().length; i++) {
            Disk disk = disks.get(i);
            disk.changedMb = Math.max(0, disk.changedMb - checkpoint.changedAtCheckpoint()[i]);
            disk.reference = backupId;
        }
    }

    /**
     * Writes a restore point's content back onto the VM's disks, which must be off: each disk gets the image's
     * size, allocation and generation; the reference points are gone, so the next backup is full.
     */
    void restore(String vmId, List<DiskImage> images) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() != VmState.OFF) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state() + ": its disks are replaced only while it "
                    + "is Off");
        }
        if (images.isEmpty()) {
            throw new CommandRejected("a restore needs at least one disk image");
        }
        Disks restored = new Disks();
        for (DiskImage image : images) {
            if (image.allocatedMb() > image.sizeMb() || image.allocatedMb() < 0 || image.generation() < 0) {
                throw new CommandRejected("disk " + image.index() + " of the restore point is inconsistent: "
                        + image.allocatedMb() + " MB written on " + image.sizeMb() + " MB, generation "
                        + image.generation());
            }
            Disk disk = new Disk(image.index(), image.sizeMb(), image.allocatedMb());
            disk.generation = image.generation();
            restored.disks.add(disk);
        }
        vm.restoreDisks(restored);
    }
}
