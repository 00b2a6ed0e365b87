package dev.hyperplane.migration.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * An evacuation as the API shows it.
 *
 * @param vms each VM with its move (only when one evacuation is read)
 */
@Schema(name = "Evacuation")
public record EvacuationView(
        String evacuationId, String hostId,
        @Schema(description = "running, cancelling, completed, cancelled, returning or returned") String state,
        String requestedBy,
        @Schema(description = "VMs whose move completed, when it ended") Integer moved,
        @Schema(description = "VMs whose move failed or was cancelled, or that could not move, when it ended") Integer failed,
        @Schema(description = "Whether the host ran no VM any more when it ended") Boolean hostEmpty,
        Instant startedAt, Instant endedAt, Instant updatedAt,
        List<Vm> vms) {

    /**
     * One VM of the evacuation.
     *
     * @param phase out (moved away) or back (moved back by a return)
     * @param state the migration's state, or unmovable
     * @param reason why it could not move, or why its migration failed
     */
    @Schema(name = "EvacuationVm")
    public record Vm(String vmId, String phase, String migrationId, String state, String reason, String mode,
                     String destinationHostId, Long downtimeMs) {
    }

    EvacuationView withVms(List<Vm> all) {
        return new EvacuationView(evacuationId, hostId, state, requestedBy, moved, failed, hostEmpty, startedAt,
                endedAt, updatedAt, all);
    }
}
