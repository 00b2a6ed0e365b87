package dev.hyperplane.migration.query;

import dev.hyperplane.migration.domain.GuestMonitoring;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.hyperplane.platform.jdbc.Sql.instant;
import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * What the guest monitor judges VMs by, from the agents' events: each VM's state on its host, its guest's heartbeat
 * and since when, and whether its guest panicked (a crash dump on its way). Each write is the newest fact about the
 * VM, so a record that comes again changes nothing.
 */
@ApplicationScoped
public class GuestHeartbeats {
    /** States in which the guest is gone: it boots again (if ever) with no heartbeat yet and no panic. */
    private static final Set<String> GUEST_GONE = Set.of("Off", "Resetting", "Starting", "Saved");

    @Inject
    AgroalDataSource dataSource;

    public void heartbeat(String vmId, String hostId, String status, Instant at) {
        Sql.update(dataSource, """
                INSERT INTO ha_guest (vm_id, host_id, heartbeat, heartbeat_since) VALUES (?, ?, ?, ?)
                ON CONFLICT (vm_id) DO UPDATE SET host_id = EXCLUDED.host_id, heartbeat = EXCLUDED.heartbeat,
                    heartbeat_since = EXCLUDED.heartbeat_since
                WHERE ha_guest.heartbeat_since IS NULL OR ha_guest.heartbeat_since <= EXCLUDED.heartbeat_since""",
                vmId, hostId, status, ts(at));
    }

    public void panicked(String vmId, String hostId) {
        Sql.update(dataSource, """
                INSERT INTO ha_guest (vm_id, host_id, panicked) VALUES (?, ?, true)
                ON CONFLICT (vm_id) DO UPDATE SET panicked = true""", vmId, hostId);
    }

    /** The VM's new state on its host; one whose guest is gone has no heartbeat until it boots and answers. */
    public void state(String vmId, String hostId, String state, Instant at) {
        if (GUEST_GONE.contains(state)) {
            Sql.update(dataSource, """
                    INSERT INTO ha_guest (vm_id, host_id, vm_state, heartbeat, heartbeat_since) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (vm_id) DO UPDATE SET host_id = EXCLUDED.host_id, vm_state = EXCLUDED.vm_state,
                        heartbeat = EXCLUDED.heartbeat, heartbeat_since = EXCLUDED.heartbeat_since, panicked = false""",
                    vmId, hostId, state, "NoContact", ts(at));
        } else {
            Sql.update(dataSource, """
                    INSERT INTO ha_guest (vm_id, host_id, vm_state) VALUES (?, ?, ?)
                    ON CONFLICT (vm_id) DO UPDATE SET host_id = EXCLUDED.host_id, vm_state = EXCLUDED.vm_state""",
                    vmId, hostId, state);
        }
    }

    /** Guests whose heartbeat has been lost since before {@code lostBefore} (the monitor decides on the rest). */
    public List<GuestMonitoring.Guest> lostBefore(Instant lostBefore) {
        return Sql.query(dataSource, """
                SELECT * FROM ha_guest WHERE heartbeat = ? AND heartbeat_since <= ?
                  AND handled_lost_since IS DISTINCT FROM heartbeat_since ORDER BY heartbeat_since, vm_id""",
                GuestHeartbeats::guest, GuestMonitoring.LOST, ts(lostBefore));
    }

    private static GuestMonitoring.Guest guest(ResultSet rs) throws SQLException {
        return new GuestMonitoring.Guest(rs.getString("vm_id"), rs.getString("host_id"), rs.getString("vm_state"),
                rs.getString("heartbeat"), instant(rs.getTimestamp("heartbeat_since")), rs.getBoolean("panicked"),
                instant(rs.getTimestamp("handled_lost_since")));
    }
}
