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

/** Reads evacuations: one with its VMs, pages of them, and those still under way. */
@ApplicationScoped
public class Evacuations {

    @Inject
    AgroalDataSource dataSource;

    public Optional<EvacuationView> find(String evacuationId) {
        return Sql.queryOne(dataSource, "SELECT * FROM evacuation_view WHERE evacuation_id = ?", Evacuations::view,
                evacuationId).map(e -> e.withVms(vms(evacuationId)));
    }

    /** Each VM of the evacuation with its migration as it is now, by phase (out first) and VM. */
    public List<EvacuationView.Vm> vms(String evacuationId) {
        return Sql.query(dataSource, """
                SELECT e.vm_id, e.phase, e.migration_id, COALESCE(m.state, 'unmovable'),
                       COALESCE(e.reason, m.failure_reason), m.mode, m.destination_host_id, m.downtime_ms
                FROM evacuation_vm e LEFT JOIN migration_view m ON m.migration_id = e.migration_id
                WHERE e.evacuation_id = ? ORDER BY e.phase DESC, e.vm_id""",
                rs -> new EvacuationView.Vm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8)), evacuationId);
    }

    /** Newest first, after the cursor (an evacuation id); for a host, a state. */
    public List<EvacuationView> list(String hostId, String state, String after, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM evacuation_view
                WHERE (?::text IS NULL OR host_id = ?) AND (?::text IS NULL OR state = ?)
                  AND (?::text IS NULL OR (started_at, evacuation_id) < (SELECT started_at, evacuation_id
                       FROM evacuation_view WHERE evacuation_id = ?))
                ORDER BY started_at DESC, evacuation_id DESC LIMIT ?""", Evacuations::view,
                hostId, hostId, state, state, after, after, limit);
    }

    /** Evacuations whose moves (or whose return's) are under way. */
    public List<EvacuationView> underWay() {
        return Sql.query(dataSource, """
                SELECT * FROM evacuation_view WHERE state IN ('running', 'cancelling', 'returning')
                ORDER BY started_at""", Evacuations::view);
    }

    /** The evacuation of the host that has not ended, if any. */
    public Optional<String> underWayOn(String hostId) {
        return Sql.queryOne(dataSource, """
                SELECT evacuation_id FROM evacuation_view
                WHERE host_id = ? AND state IN ('running', 'cancelling', 'returning') LIMIT 1""",
                rs -> rs.getString(1), hostId);
    }

    private static EvacuationView view(ResultSet rs) throws SQLException {
        return new EvacuationView(rs.getString("evacuation_id"), rs.getString("host_id"), rs.getString("state"),
                rs.getString("requested_by"), (Integer) rs.getObject("moved"), (Integer) rs.getObject("failed"),
                (Boolean) rs.getObject("host_empty"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")), instant(rs.getTimestamp("updated_at")), null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
