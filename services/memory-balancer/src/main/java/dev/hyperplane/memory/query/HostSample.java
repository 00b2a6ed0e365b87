package dev.hyperplane.memory.query;

import java.time.Instant;
import java.util.List;

/**
 * A host's latest telemetry as the memory balancer keeps it.
 *
 * @param simTimeMs the host's simulated clock at the sample
 */
public record HostSample(String hostId, long simTimeMs, long freeMb, List<VmSample> vms, Instant sampledAt) {

    /**
     * One VM of the sample.
     *
     * @param starvedSince since when its pressure has been above 100 % without a break; null when it is not
     */
    public record VmSample(String vmId, String state, long assignedMb, long demandMb, int pressure,
                           Instant starvedSince) {
    }
}
