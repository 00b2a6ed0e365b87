package dev.hyperplane.memory.domain;

import java.util.List;

/**
 * A host's latest memory sample with its VMs.
 *
 * @param capacityMb        what the host can give VMs: physical memory less the root reserve
 * @param available         registered, reachable and not in maintenance: it may receive VMs
 * @param ws2016OrNewer     the host runs Windows Server 2016 or newer ("2016+" guest features)
 * @param logicalProcessors the most vCPUs a VM may have there
 */
public record HostSnapshot(String hostId, long capacityMb, boolean available, boolean ws2016OrNewer,
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
