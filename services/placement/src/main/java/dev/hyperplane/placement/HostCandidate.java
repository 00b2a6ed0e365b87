package dev.hyperplane.placement;

import java.util.Set;

/**
 * A registered host as placement sees it.
 *
 * @param allocatableMb      memory VMs may use (physical less the root reserve)
 * @param reservedMb         startup memory of the VMs placed there
 * @param ws2016OrNewer      the host runs Windows Server 2016 or newer ("2016+" guest features)
 * @param available          reachable and not in maintenance
 * @param antiAffinityGroups the {@code tenant/group} keys of the VMs placed there
 */
public record HostCandidate(String hostId, long allocatableMb, long reservedMb, boolean ws2016OrNewer,
                            int logicalProcessors, boolean available, int vmCount, Set<String> antiAffinityGroups) {

    public long freeMb() {
        return allocatableMb - reservedMb;
    }
}
