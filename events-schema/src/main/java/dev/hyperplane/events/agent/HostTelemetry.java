package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/** One second of a host: its free memory and each VM's memory and heartbeat, batched per host. */
public record HostTelemetry(String hostId, long simTimeMs, long freeMemoryMb, List<VmSample> vms, Instant at)
        implements PublicEvent {

    /**
     * @param demandMb the guest's last Dynamic Memory status report (committed), or its workload's commitment
     * @param pressure demand / assigned, percent
     */
    public record VmSample(String vmId, String state, long assignedMb, long demandMb, int pressure, String heartbeat) {
    }
}
