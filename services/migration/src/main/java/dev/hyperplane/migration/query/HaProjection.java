package dev.hyperplane.migration.query;

import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.migration.HaAlertRaised;
import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaGuestResetWithheld;
import dev.hyperplane.events.migration.HaHostCleared;
import dev.hyperplane.events.migration.HaHostFenced;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;
import dev.hyperplane.events.migration.HaIncidentEnded;
import dev.hyperplane.events.migration.HaIncidentOpened;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.migration.HaVmRestartEnded;
import dev.hyperplane.migration.command.HaAgentSilenceAlerted;
import dev.hyperplane.migration.command.HaRestartAttemptFailed;
import dev.hyperplane.migration.command.HaRestartsPlanned;
import dev.hyperplane.migration.domain.HaIncidentState;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;

import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * Writes {@code ha_host}, {@code ha_incident}, {@code ha_incident_vm} and {@code ha_alert} from the HaHost
 * aggregate's events, and {@code ha_guest_reset} from the GuestWatch aggregate's, in their transaction: what the API
 * shows, what the detector checks before reporting a host, and which loss of a guest's heartbeat was decided on.
 */
@ApplicationScoped
@ProcessingGroup(HaProjection.PROCESSING_GROUP)
public class HaProjection {
    public static final String PROCESSING_GROUP = "ha-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(HaIncidentOpened e) {
        Sql.update(dataSource, """
                INSERT INTO ha_incident (incident_id, host_id, agent_id, state, reason, detected_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING""",
                e.incidentId(), e.hostId(), e.agentId(), HaIncidentState.FENCING.label(), e.reason(),
                ts(e.detectedAt()), ts(e.detectedAt()));
        Sql.update(dataSource, """
                INSERT INTO ha_host (host_id, incident_id, incident_state) VALUES (?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET incident_id = EXCLUDED.incident_id,
                    incident_state = EXCLUDED.incident_state""",
                e.hostId(), e.incidentId(), HaIncidentState.FENCING.label());
    }

    @EventHandler
    void on(FenceHost e) {
        Sql.update(dataSource, """
                UPDATE ha_incident SET fence_attempts = fence_attempts + 1 WHERE incident_id = ?""",
                e.commandId().substring(0, e.commandId().indexOf("/fence-")));
    }

    @EventHandler
    void on(HaHostFenced e) {
        incidentState(e.incidentId(), e.hostId(), HaIncidentState.RESTARTING, e.fencedAt());
        Sql.update(dataSource, "UPDATE ha_incident SET fenced_at = ?, fence_method = ? WHERE incident_id = ?",
                ts(e.fencedAt()), e.method(), e.incidentId());
        Sql.update(dataSource, "UPDATE ha_host SET fenced = true WHERE host_id = ?", e.hostId());
    }

    @EventHandler
    void on(HaAlertRaised e) {
        Sql.update(dataSource, """
                INSERT INTO ha_alert (incident_id, host_id, kind, reason, raised_at) VALUES (?, ?, ?, ?, ?)""",
                e.incidentId(), e.hostId(), e.kind(), e.reason(), ts(e.raisedAt()));
        if (e.kind().equals("fence-failed")) {
            incidentState(e.incidentId(), e.hostId(), HaIncidentState.FENCE_FAILED, e.raisedAt());
        }
    }

    @EventHandler
    void on(HaAgentSilenceAlerted e) {
        Sql.update(dataSource, """
                INSERT INTO ha_host (host_id, agent_silence_alerted_for) VALUES (?, ?)
                ON CONFLICT (host_id) DO UPDATE SET agent_silence_alerted_for = EXCLUDED.agent_silence_alerted_for""",
                e.hostId(), ts(e.lastHeartbeat()));
    }

    @EventHandler
    void on(HaRestartsPlanned e) {
        for (HaRestartsPlanned.Planned vm : e.vms()) {
            Sql.update(dataSource, """
                    INSERT INTO ha_incident_vm (incident_id, vm_id, ha_priority, state) VALUES (?, ?, ?, 'waiting')
                    ON CONFLICT DO NOTHING""", e.incidentId(), vm.vmId(), vm.haPriority());
        }
    }

    @EventHandler
    void on(HaRestartRequested e) {
        Sql.update(dataSource, """
                UPDATE ha_incident_vm SET state = 'restarting', attempts = ?, restart_id = ?
                WHERE incident_id = ? AND vm_id = ?""", e.attempt(), e.restartId(), e.incidentId(), e.vmId());
    }

    @EventHandler
    void on(HaRestartAttemptFailed e) {
        Sql.update(dataSource, """
                UPDATE ha_incident_vm SET state = 'waiting', reason = ? WHERE restart_id = ?""",
                "attempt refused: " + e.reason() + "; asked again after a delay", e.restartId());
    }

    @EventHandler
    void on(HaVmRestartEnded e) {
        Sql.update(dataSource, """
                INSERT INTO ha_incident_vm (incident_id, vm_id, state, host_id, reason, ended_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, vm_id) DO UPDATE SET state = EXCLUDED.state, host_id = EXCLUDED.host_id,
                    reason = EXCLUDED.reason, ended_at = EXCLUDED.ended_at""",
                e.incidentId(), e.vmId(), e.restarted() ? "restarted" : "not-restarted", e.hostId(), e.reason(),
                ts(e.endedAt()));
    }

    @EventHandler
    void on(HaIncidentEnded e) {
        incidentState(e.incidentId(), e.hostId(), HaIncidentState.ENDED, e.endedAt());
        Sql.update(dataSource, """
                UPDATE ha_incident SET restarted = ?, not_restarted = ?, ended_at = ? WHERE incident_id = ?""",
                e.restarted(), e.notRestarted(), ts(e.endedAt()), e.incidentId());
    }

    @EventHandler
    void on(HaHostCleared e) {
        Sql.update(dataSource, "UPDATE ha_host SET fenced = false WHERE host_id = ?", e.hostId());
    }

    @EventHandler
    void on(HaHostQuarantined e) {
        Sql.update(dataSource, "UPDATE ha_host SET quarantined_at = ?, quarantined_until = ? WHERE host_id = ?",
                ts(e.quarantinedAt()), ts(e.until()), e.hostId());
    }

    @EventHandler
    void on(HaHostQuarantineEnded e) {
        Sql.update(dataSource, "UPDATE ha_host SET quarantined_at = NULL, quarantined_until = NULL WHERE host_id = ?",
                e.hostId());
    }

    @EventHandler
    void on(HaGuestResetRequested e) {
        guestDecided(e.vmId(), e.hostId(), e.lostSince(), "reset", e.resetId(), e.reason(), e.requestedAt());
    }

    @EventHandler
    void on(HaGuestResetWithheld e) {
        guestDecided(e.vmId(), e.hostId(), e.lostSince(), "withheld", null, e.reason(), e.withheldAt());
    }

    private void guestDecided(String vmId, String hostId, Instant lostSince, String outcome, String resetId,
                              String reason, Instant at) {
        Sql.update(dataSource, """
                INSERT INTO ha_guest_reset (vm_id, lost_since, host_id, outcome, reset_id, reason, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                vmId, ts(lostSince), hostId, outcome, resetId, reason, ts(at));
        Sql.update(dataSource, "UPDATE ha_guest SET handled_lost_since = ? WHERE vm_id = ?", ts(lostSince), vmId);
    }

    private void incidentState(String incidentId, String hostId, HaIncidentState state, Instant at) {
        Sql.update(dataSource, "UPDATE ha_incident SET state = ?, updated_at = ? WHERE incident_id = ?",
                state.label(), ts(at), incidentId);
        Sql.update(dataSource, "UPDATE ha_host SET incident_state = ? WHERE host_id = ? AND incident_id = ?",
                state.label(), hostId, incidentId);
    }
}
