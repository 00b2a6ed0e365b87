package dev.hyperplane.migration.command;

/**
 * What an HA deadline carries.
 *
 * @param vmId      the VM, for a restart's deadlines; null for the fence's
 * @param restartId the attempt a restart's timeout is about
 */
public record HaDeadline(String hostId, String vmId, String restartId) {
}
