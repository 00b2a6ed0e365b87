package dev.hyperplane.migration.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A migration as the API shows it.
 *
 * @param passes each finished pre-copy pass (only when one migration is read)
 */
@Schema(name = "Migration")
public record MigrationView(
        String migrationId, String vmId,
        @Schema(description = "Where the VM runs while it migrates") String sourceHostId,
        @Schema(description = "Where it goes; null until provisioning reserved it") String destinationHostId,
        @Schema(description = "The destination asked for; null: provisioning chose") String targetHostId,
        @Schema(description = "queued, preparing, copying, completed, failed or cancelled") String state,
        String policy, String mode,
        @Schema(description = "manual, evacuation, rebalance or ha") String cause,
        String requestedBy,
        @Schema(description = "Pre-copy passes finished so far") int passCount,
        @Schema(description = "The downtime allowed now (copying) or at the end") Long allowedDowntimeMs,
        @Schema(description = "The blackout of a completed live migration") Long downtimeMs,
        @Schema(description = "Why it failed or was cancelled") String failureReason,
        Instant requestedAt,
        @Schema(description = "When the concurrency limits gave it its turn; null while queued") Instant startedAt,
        Instant updatedAt,
        List<Pass> passes) {

    /**
     * One pre-copy pass: what it sent, what the workload dirtied meanwhile, how long it took (the host's simulated
     * time), the downtime it was judged against.
     */
    @Schema(name = "MigrationPass")
    public record Pass(int pass, long sentMb, long dirtyMb, long durationMs, long allowedDowntimeMs,
                       Instant finishedAt) {
    }

    MigrationView withPasses(List<Pass> all) {
        return new MigrationView(migrationId, vmId, sourceHostId, destinationHostId, targetHostId, state, policy, mode,
                cause, requestedBy, passCount, allowedDowntimeMs, downtimeMs, failureReason, requestedAt, startedAt,
                updatedAt, all);
    }
}
