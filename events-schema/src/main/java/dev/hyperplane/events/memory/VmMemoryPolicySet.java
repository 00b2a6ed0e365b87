package dev.hyperplane.events.memory;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import java.time.Instant;

/**
 * A VM's own memory policy was set (it overrides its tenant's plan); the memory balancer pushes it to the VM's
 * host.
 *
 * @param version 1 for the first policy of the VM, +1 for each change
 * @param setBy the token subject that set it
 */
public record VmMemoryPolicySet(String vmId, String tenantId, long startupMb, MemoryPlan memory, long version,
        String setBy, Instant at) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
