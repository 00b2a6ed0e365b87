package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A host's quarantine ended, because its time was up or because an operator cleared it: it is placed on again
 * (unless it is still fenced).
 *
 * @param endedBy expired, or the operator who cleared it
 */
public record HaHostQuarantineEnded(String hostId, String endedBy, Instant endedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
