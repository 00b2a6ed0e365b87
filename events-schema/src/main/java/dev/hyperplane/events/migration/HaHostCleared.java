package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * An operator cleared a fenced host: it is placed on again.
 */
public record HaHostCleared(String hostId, String clearedBy, Instant clearedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
