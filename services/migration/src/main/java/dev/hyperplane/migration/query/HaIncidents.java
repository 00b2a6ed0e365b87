package dev.hyperplane.migration.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The HA incidents and each host's HA state, as {@link HaProjection} wrote them. */
@ApplicationScoped
public class HaIncidents {

    /**
     * A host's HA state: its open or last incident, whether it is fenced and not cleared, and its quarantine (null
     * times when it has none).
     */
    public record HostState(String hostId, String incidentId, String incidentState, boolean fenced,
                            Instant agentSilenceAlertedFor, Instant quarantinedAt, Instant quarantinedUntil) {
        public boolean quarantined() {
            return quarantinedUntil != null;
        }
    }

    /** Which host and VM an HA restart attempt is about. */
    public record Restart(String hostId, String incidentId, String vmId) {
    }

    @Inject
    AgroalDataSource dataSource;

    public List<HaIncidentView> list(String hostId, String state, String after, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM ha_incident
                WHERE (?::text IS NULL OR host_id = ?) AND (?::text IS NULL OR state = ?)
                  AND (?::text IS NULL OR (detected_at, incident_id) < (SELECT detected_at, incident_id
                       FROM ha_incident WHERE incident_id = ?))
                ORDER BY detected_at DESC, incident_id DESC LIMIT ?""", HaIncidents::view,
                hostId, hostId, state, state, after, after, limit);
    }

    public Optional<HaIncidentView> find(String incidentId) {
        return Sql.queryOne(dataSource, "SELECT * FROM ha_incident WHERE incident_id = ?", HaIncidents::view,
                incidentId).map(incident -> incident.with(
                Sql.query(dataSource, """
                        SELECT vm_id, ha_priority, state, attempts, host_id, reason, ended_at FROM ha_incident_vm
                        WHERE incident_id = ? ORDER BY vm_id""",
                        rs -> new HaIncidentView.Vm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))), incidentId),
                Sql.query(dataSource, """
                        SELECT kind, reason, raised_at FROM ha_alert WHERE incident_id = ? ORDER BY alert_id""",
                        rs -> new HaIncidentView.Alert(rs.getString(1), rs.getString(2),
                                instant(rs.getTimestamp(3))), incidentId)));
    }

    public Optional<HostState> host(String hostId) {
        return Sql.queryOne(dataSource, "SELECT * FROM ha_host WHERE host_id = ?", HaIncidents::hostState, hostId);
    }

    public List<HostState> hosts() {
        return Sql.query(dataSource, "SELECT * FROM ha_host ORDER BY host_id", HaIncidents::hostState);
    }

    /** The restart attempt a provisioning answer names (its migration id), if it is HA's. */
    public Optional<Restart> restart(String restartId) {
        return Sql.queryOne(dataSource, """
                SELECT i.host_id, v.incident_id, v.vm_id FROM ha_incident_vm v
                JOIN ha_incident i ON i.incident_id = v.incident_id WHERE v.restart_id = ?""",
                rs -> new Restart(rs.getString(1), rs.getString(2), rs.getString(3)), restartId);
    }

    private static HostState hostState(ResultSet rs) throws SQLException {
        return new HostState(rs.getString("host_id"), rs.getString("incident_id"), rs.getString("incident_state"),
                rs.getBoolean("fenced"), instant(rs.getTimestamp("agent_silence_alerted_for")),
                instant(rs.getTimestamp("quarantined_at")), instant(rs.getTimestamp("quarantined_until")));
    }

    private static HaIncidentView view(ResultSet rs) throws SQLException {
        return new HaIncidentView(rs.getString("incident_id"), rs.getString("host_id"), rs.getString("agent_id"),
                rs.getString("state"), rs.getString("reason"), instant(rs.getTimestamp("detected_at")),
                rs.getInt("fence_attempts"), instant(rs.getTimestamp("fenced_at")), rs.getString("fence_method"),
                (Integer) rs.getObject("restarted"), (Integer) rs.getObject("not_restarted"),
                instant(rs.getTimestamp("ended_at")), instant(rs.getTimestamp("updated_at")), null, null);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
