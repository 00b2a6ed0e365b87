package dev.hyperplane.memory.domain;

import java.util.List;

/**
 * A host's latest memory sample with its VMs.
 *
 * @param capacityMb        what the host can give VMs: physical memory less the root reserve
 * @param available         registered, reachable and not in maintenance: it may receive VMs
 * @param windowsServerVersion the host's Windows Server version as a label ({@code 2012 R2})
 * @param logicalProcessors the most vCPUs a VM may have there
 */
public record HostSnapshot(String hostId, long capacityMb, boolean available, String windowsServerVersion,
                           int logicalProcessors, List<VmSnapshot> vms) {

    public long needMb() {
        return vms.stream().mapToLong(VmSnapshot::needMb).sum();
    }

    public long assignedMb() {
        return vms.stream().mapToLong(VmSnapshot::assignedMb).sum();
    }

    /** What its VMs need as a percentage of what the host can give them: above 100 the host is overcommitted. */
    public int pressure() {
        return MemoryMath.percent(needMb(), capacityMb);
    }

    /** The pressure the host would have with one more VM of {@code needMb}. */
    public int pressureWith(long extraNeedMb) {
        return MemoryMath.percent(needMb() + extraNeedMb, capacityMb);
    }
}
