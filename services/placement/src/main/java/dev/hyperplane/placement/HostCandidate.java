package dev.hyperplane.placement;

import java.util.Set;

/**
 * A registered host as placement sees it.
 *
 * @param allocatableMb      memory VMs may use (physical less the root reserve)
 * @param reservedMb         startup memory of the VMs placed there
 * @param windowsServerVersion the host's Windows Server version as a label, e.g. {@code 2012 R2}
 * @param available          reachable and not in maintenance
 * @param antiAffinityGroups the {@code tenant/group} keys of the VMs placed there
 */
public record HostCandidate(String hostId, long allocatableMb, long reservedMb, String windowsServerVersion,
                            int logicalProcessors, boolean available, int vmCount, Set<String> antiAffinityGroups) {

    public long freeMb() {
        return allocatableMb - reservedMb;
    }
}
