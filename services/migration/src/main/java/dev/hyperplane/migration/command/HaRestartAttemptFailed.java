package dev.hyperplane.migration.command;

/** One restart attempt of a VM was refused or went unanswered; another follows after a delay (not public). */
public record HaRestartAttemptFailed(String hostId, String vmId, String restartId, String reason) {
}
