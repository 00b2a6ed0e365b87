package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Every VM of the fenced host was restarted elsewhere or reported as not restarted.
 */
public record HaIncidentEnded(String incidentId, String hostId, int restarted, int notRestarted, Instant endedAt)
        implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
