package dev.hyperplane.events.memory;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;
import java.time.Instant;

/**
 * A memory alert opened: a guest did not online hot-added memory (hot-add-failed), a VM starved above 100 %
 * pressure for longer than the window (vm-starved), or a host's VMs demand more than it has (host-overcommitted).
 *
 * @param vmId the VM; null for a host alert
 */
public record MemoryAlertRaised(String alertId, String kind, String hostId, @Nullable String vmId,
        String detail, Instant at) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
