package dev.hyperplane.events.memory;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import java.time.Instant;

/**
 * A tenant's memory plan was set: the Dynamic Memory every VM of the tenant without its own policy gets (its
 * startup memory stays the VM's size; the minimum is capped at it and the maximum raised to it).
 */
public record TenantMemoryPlanSet(String tenantId, MemoryPlan memory, long version, String setBy,
        Instant at) implements PublicEvent {

    @Override
    public String partitionKey() {
        return tenantId;
    }
}
