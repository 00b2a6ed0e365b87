package dev.hyperplane.migration.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * An HA incident as the API shows it: the host, when its failure was detected, how and when it was fenced, and each
 * VM: restarted where and when, or why not.
 *
 * @param vms    each VM of the host (only when one incident is read)
 * @param alerts what was raised for an operator (only when one incident is read)
 */
@Schema(name = "HaIncident")
public record HaIncidentView(
        String incidentId, String hostId,
        @Schema(description = "The agent that runs the host, which kept beating while the host was silent") String agentId,
        @Schema(description = "fencing, fence-failed (an operator may confirm the fence), restarting or ended")
        String state,
        @Schema(description = "What the detector saw") String reason,
        Instant detectedAt,
        @Schema(description = "Fences sent to the host's management controller") int fenceAttempts,
        Instant fencedAt,
        @Schema(description = "management-controller, or operator when confirmed by hand") String fenceMethod,
        @Schema(description = "VMs running again elsewhere, when it ended") Integer restarted,
        @Schema(description = "VMs not restarted (priority off, not running, no room after every attempt), when it "
                + "ended") Integer notRestarted,
        Instant endedAt, Instant updatedAt,
        List<Vm> vms, List<Alert> alerts) {

    /**
     * One VM of the failed host.
     *
     * @param state waiting, restarting, restarted or not-restarted
     */
    @Schema(name = "HaIncidentVm")
    public record Vm(String vmId, String haPriority, String state, int attempts, String hostId, String reason,
                     Instant endedAt) {
    }

    /** @param kind fence-failed, agent-silent or vm-not-restarted */
    @Schema(name = "HaAlert")
    public record Alert(String kind, String reason, Instant raisedAt) {
    }

    HaIncidentView with(List<Vm> allVms, List<Alert> allAlerts) {
        return new HaIncidentView(incidentId, hostId, agentId, state, reason, detectedAt, fenceAttempts, fencedAt,
                fenceMethod, restarted, notRestarted, endedAt, updatedAt, allVms, allAlerts);
    }
}
