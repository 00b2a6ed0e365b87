package dev.hyperplane.events.migration;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A host fell silent while its agent kept sending heartbeats (a power loss or a network partition, not an agent
 * restart): HA opened an incident and fences the host through its management controller before any of its VMs runs
 * elsewhere.
 *
 * @param agentId the agent that runs the host and still answers
 * @param reason  what the detector saw
 */
public record HaIncidentOpened(String incidentId, String hostId, String agentId, String reason, Instant detectedAt)
        implements PublicEvent {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
