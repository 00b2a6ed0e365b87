package dev.hyperplane.migration.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

import static dev.hyperplane.platform.jdbc.Sql.instant;

/** The guest monitor's decisions, as {@link HaProjection} wrote them: newest first, by VM if asked. */
@ApplicationScoped
public class GuestResets {

    @Inject
    AgroalDataSource dataSource;

    /** @param after the cursor: {@code vmId/lostSince} of the last one read, or null */
    public List<GuestResetView> list(String vmId, String after, int limit) {
        String afterVm = after == null ? null : after.substring(0, Math.max(0, after.lastIndexOf('/')));
        String afterLost = after == null ? null : after.substring(after.lastIndexOf('/') + 1);
        return Sql.query(dataSource, """
                SELECT * FROM ha_guest_reset
                WHERE (?::text IS NULL OR vm_id = ?)
                  AND (?::text IS NULL OR (decided_at, vm_id) < (SELECT decided_at, vm_id FROM ha_guest_reset
                       WHERE vm_id = ? AND lost_since = ?::timestamptz))
                ORDER BY decided_at DESC, vm_id DESC LIMIT ?""",
                rs -> new GuestResetView(rs.getString("vm_id"), rs.getString("host_id"), rs.getString("outcome"),
                        rs.getString("reset_id"), rs.getString("reason"), instant(rs.getTimestamp("lost_since")),
                        instant(rs.getTimestamp("decided_at"))),
                vmId, vmId, after, afterVm, afterLost, limit);
    }

    /** The cursor naming one decision. */
    public static String cursorOf(GuestResetView view) {
        return view.vmId() + "/" + view.lostSince();
    }
}
