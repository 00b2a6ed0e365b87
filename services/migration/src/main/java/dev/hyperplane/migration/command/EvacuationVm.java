package dev.hyperplane.migration.command;

/**
 * One VM of an evacuation: moved by a migration, or not movable with the reason.
 *
 * @param migrationId the migration that moves it; null when it cannot move
 * @param reason      why it cannot move; null when it moves
 */
public record EvacuationVm(String vmId, String migrationId, String reason) {

    public static EvacuationVm moving(String vmId, String migrationId) {
        return new EvacuationVm(vmId, migrationId, null);
    }

    public static EvacuationVm unmovable(String vmId, String reason) {
        return new EvacuationVm(vmId, null, reason);
    }
}
