package dev.hyperplane.migration.command;

import java.time.Instant;

/** The silence of the host's agent since {@code lastHeartbeat} was alerted (not public: the alert is). */
public record HaAgentSilenceAlerted(String hostId, String agentId, Instant lastHeartbeat) {
}
