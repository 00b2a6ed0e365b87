package dev.hyperplane.migration.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * HA across the fleet: each host as the detector sees it, the incidents still open and the hosts waiting for an
 * operator to clear them.
 */
@Schema(name = "HaStatus")
public record HaStatusView(
        @Schema(description = "Incidents not ended") int openIncidents,
        @Schema(description = "Fenced hosts that get no VM until an operator clears them") List<String> fencedHosts,
        List<Host> hosts) {

    /**
     * @param state ready (reporting), unknown (its agent is silent: it may run on), failed (an incident is open) or
     *              fenced (off, waiting to be cleared)
     */
    @Schema(name = "HaHostStatus")
    public record Host(String hostId, String agentId, String state, Instant lastReport, Instant agentLastHeartbeat,
                       String incidentId) {
    }
}
