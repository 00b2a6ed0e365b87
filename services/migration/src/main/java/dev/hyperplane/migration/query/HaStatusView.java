package dev.hyperplane.migration.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * HA across the fleet: each host as the detector sees it, the incidents still open, the hosts waiting for an
 * operator to clear them, and how many host failures the fleet can absorb.
 */
@Schema(name = "HaStatus")
public record HaStatusView(
        @Schema(description = "Incidents not ended") int openIncidents,
        @Schema(description = "Fenced hosts that get no VM until an operator clears them") List<String> fencedHosts,
        @Schema(description = "Quarantined hosts (they failed too often) that get no VM until their quarantine ends "
                + "or an operator clears them") List<String> quarantinedHosts,
        @Schema(description = "How many host failures the fleet can absorb, as provisioning's admission control last "
                + "assessed it; null until it has") Reserve reserve,
        List<Host> hosts) {

    /**
     * The fleet's HA reserve (admission control): the VMs HA restarts on the {@code failuresToTolerate} worst failed
     * hosts must fit on the other available hosts.
     *
     * @param failuresAbsorbed how many host failures the fleet can absorb now
     * @param reserveMb        memory the VMs HA restarts on the worst failed hosts hold
     * @param spareMb          memory free on the other available hosts
     * @param reason           why it does not hold; null when it does
     */
    @Schema(name = "HaReserve")
    public record Reserve(int failuresToTolerate, int failuresAbsorbed, boolean holds, long reserveMb, long spareMb,
                          String reason, Instant assessedAt) {
    }

    /**
     * @param state            ready (reporting), unknown (its agent is silent: it may run on), failed (an incident is
     *                         open) or fenced (off, waiting to be cleared)
     * @param quarantinedUntil when its quarantine ends by itself; null when it is not quarantined
     */
    @Schema(name = "HaHostStatus")
    public record Host(String hostId, String agentId, String state, Instant lastReport, Instant agentLastHeartbeat,
                       String incidentId, Instant quarantinedUntil) {
    }
}
