package dev.hyperplane.events.memory;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;
import java.time.Instant;

/**
 * A memory alert closed: its condition no longer holds.
 */
public record MemoryAlertCleared(String alertId, String kind, String hostId, @Nullable String vmId,
        String detail, Instant at) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
