package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/** The heartbeat integration service's view of a guest changed: NoContact, Ok or LostCommunication. */
public record GuestHeartbeatChanged(String hostId, String vmId, String status, Instant at) implements PublicEvent {
}
