package dev.hyperplane.placement;

import java.util.Set;

/**
 * What placement needs to know about a VM.
 *
 * @param memoryMb          startup memory: what Hyper-V must find free to start it
 * @param hostVersions      the Windows Server versions of the hosts the guest may run on, as labels
 *                          ({@code 2012 R2}, {@code 2016}): the support tables' answer for its guest OS, Secure Boot
 *                          and features, worked out by the caller
 * @param antiAffinityGroup null, or a group of the tenant whose VMs must run on different hosts
 */
public record PlacementRequest(String vmId, String tenantId, int vcpus, long memoryMb, Set<String> hostVersions,
                               String antiAffinityGroup) {

    public PlacementRequest {
        hostVersions = Set.copyOf(hostVersions);
    }

    /** The key hosts list in {@link HostCandidate#antiAffinityGroups()}; null without a group. */
    public String antiAffinityKey() {
        return antiAffinityGroup == null ? null : tenantId + "/" + antiAffinityGroup;
    }
}
