package dev.hyperplane.placement;

/**
 * What placement needs to know about a VM.
 *
 * @param memoryMb          startup memory: what Hyper-V must find free to start it
 * @param needsWs2016Host   the guest's features (or Secure Boot of a Linux guest) need a "2016+" host
 * @param antiAffinityGroup null, or a group of the tenant whose VMs must run on different hosts
 */
public record PlacementRequest(String vmId, String tenantId, int vcpus, long memoryMb, boolean needsWs2016Host,
                               String antiAffinityGroup) {

    /**
     * Whether a guest needs a Windows Server 2016+ host: Microsoft's tables mark Secure Boot for Linux guests
     * "2016+" (Windows guests boot securely on every host version).
     *
     * @param guestFamily {@code linux} or {@code windows}
     */
    public static boolean needsWs2016Host(String guestFamily, boolean secureBoot) {
        return secureBoot && "linux".equals(guestFamily);
    }

    /** The key hosts list in {@link HostCandidate#antiAffinityGroups()}; null without a group. */
    public String antiAffinityKey() {
        return antiAffinityGroup == null ? null : tenantId + "/" + antiAffinityGroup;
    }
}
