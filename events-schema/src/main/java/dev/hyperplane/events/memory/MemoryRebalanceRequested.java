package dev.hyperplane.events.memory;

import dev.hyperplane.events.PublicEvent;
import java.time.Instant;

/**
 * The fleet memory balancer decided a hot host should shed a VM: which VM, from which host, to which candidate host
 * and why. For the migration service to execute; the decision is made once per hot episode of the host.
 *
 * @param toHostId the candidate destination with the most room after the move
 * @param hostPressure the source host's demand as a percentage of the memory it can give VMs
 */
public record MemoryRebalanceRequested(String decisionId, String vmId, String fromHostId, String toHostId,
        String reason, int hostPressure, long vmDemandMb, Instant at) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
