package dev.hyperplane.memory.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Memory alerts as API objects (projected from the alert events). */
@ApplicationScoped
public class MemoryAlerts {

    @Inject
    AgroalDataSource dataSource;

    /**
     * @param vmId        null for a host alert
     * @param clearedAt   null while the alert is open
     * @param clearDetail why it closed
     */
    public record Alert(String alertId, String kind, String subject, String hostId, String vmId, String detail,
                        Instant raisedAt, Instant clearedAt, String clearDetail) {
        public boolean open() {
            return clearedAt == null;
        }
    }

    public List<Alert> open() {
        return Sql.query(dataSource, "SELECT * FROM mb_alert WHERE cleared_at IS NULL ORDER BY raised_at, alert_id",
                MemoryAlerts::alert);
    }

    /** Newest first, after the cursor (an alert id) when one is given. */
    public List<Alert> list(boolean openOnly, String kind, String after, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM mb_alert WHERE (? = FALSE OR cleared_at IS NULL) AND (?::text IS NULL OR kind = ?)
                    AND (?::text IS NULL OR (raised_at, alert_id) < (SELECT raised_at, alert_id FROM mb_alert
                        WHERE alert_id = ?))
                ORDER BY raised_at DESC, alert_id DESC LIMIT ?""",
                MemoryAlerts::alert, openOnly, kind, kind, after, after, limit);
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getString("alert_id"), rs.getString("kind"), rs.getString("subject"),
                rs.getString("host_id"), rs.getString("vm_id"), rs.getString("detail"),
                FleetMemory.instant(rs, "raised_at"), FleetMemory.instant(rs, "cleared_at"),
                rs.getString("clear_detail"));
    }
}
