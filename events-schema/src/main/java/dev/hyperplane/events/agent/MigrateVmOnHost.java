package dev.hyperplane.events.agent;

import dev.hyperplane.events.OptionalField;

import java.util.List;

/**
 * Command to the agent of the source host: live-migrate a running VM to another host, of this agent or of another
 * (then through {@link PrepareIncomingMigration}, {@link HandOffMigration} and {@link EndIncomingMigration}). The
 * destination reserves the VM's memory first (refused: {@link AgentCommandRejected}); the source keeps the VM until
 * the destination runs it. Answered by {@link AgentCommandCompleted} once the destination runs the VM (after
 * VmMigratedOnHost), or {@link AgentCommandRejected} (MigrationFailedOnHost says why a started migration ended).
 *
 * @param allowedDowntimeMs  the convergence schedule: the downtime allowed after pass 1, 2, ... (added to v1 later;
 *                           absent: Hyper-V's own, 300 ms up to the host's pass limit, then up to 10 s)
 * @param stallWindow        remaining dirty memory not shrinking over this many passes moves to the next step at
 *                           once; 0 or absent: no stall detection
 * @param finalStopAndCopyMs after the last step the guest is paused and the rest copied if it takes at most this
 *                           long; 0: the migration fails instead (absent: with {@code allowedDowntimeMs} absent,
 *                           Hyper-V's 10 s, else 0)
 * @param mode               {@code live} (absent: live) or {@code quick}: the VM is saved, its saved state handed
 *                           to the destination over the shared storage and restored there (the schedule is unused)
 */
public record MigrateVmOnHost(String commandId, String hostId, String vmId, String destinationHostId,
                              @OptionalField List<Long> allowedDowntimeMs, @OptionalField Integer stallWindow,
                              @OptionalField Long finalStopAndCopyMs, @OptionalField String mode)
        implements AgentCommand {

    /** A live migration as Hyper-V converges by itself. */
    public MigrateVmOnHost(String commandId, String hostId, String vmId, String destinationHostId) {
        this(commandId, hostId, vmId, destinationHostId, null, null, null, null);
    }
}
