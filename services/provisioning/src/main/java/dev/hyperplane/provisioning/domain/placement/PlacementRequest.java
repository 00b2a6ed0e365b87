package dev.hyperplane.provisioning.domain.placement;

/**
 * What placement needs to know about a VM.
 *
 * @param memoryMb          startup memory: what Hyper-V must find free to start it
 * @param needsWs2016Host   the guest's features (or Secure Boot of a Linux guest) need a "2016+" host
 * @param antiAffinityGroup null, or a group of the tenant whose VMs must run on different hosts
 */
public record PlacementRequest(String vmId, String tenantId, int vcpus, long memoryMb, boolean needsWs2016Host,
                               String antiAffinityGroup) {

    /** The key hosts list in {@link HostCandidate#antiAffinityGroups()}; null without a group. */
    public String antiAffinityKey() {
        return antiAffinityGroup == null ? null : tenantId + "/" + antiAffinityGroup;
    }
}
