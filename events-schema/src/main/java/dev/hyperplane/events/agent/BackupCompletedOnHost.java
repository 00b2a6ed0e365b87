package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A backup checkpoint of the VM was taken.
 *
 * @param consistency application (VSS writers), file-system (Linux VSS daemon froze the file systems), crash or offline
 * @param simTimeMs the host's simulated clock when it happened
 */
public record BackupCompletedOnHost(String hostId, String vmId, String backupId, String consistency,
        String reason, long simTimeMs, Instant at) implements PublicEvent {
}
