package dev.hyperplane.provisioning.query;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.hyperv.HostVersion;
import dev.hyperplane.provisioning.domain.HostCandidate;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hosts placement may use (registered, reachable, not in maintenance) and the memory reserved on them. Joins
 * the caller's JTA transaction.
 */
@ApplicationScoped
public class PlacementStore {

    @Inject
    AgroalDataSource dataSource;

    public void upsertHost(String hostId, String windowsServerVersion, long memoryMb, long rootReserveMb,
                           Instant registeredAt) {
        Sql.update(dataSource, """
                INSERT INTO placement_host (host_id, windows_server_version, memory_mb, root_reserve_mb, registered_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET memory_mb = EXCLUDED.memory_mb,
                    root_reserve_mb = EXCLUDED.root_reserve_mb,
                    windows_server_version = EXCLUDED.windows_server_version""",
                hostId, windowsServerVersion, memoryMb, rootReserveMb, Timestamp.from(registeredAt));
    }

    public List<HostCandidate> candidates() {
        return Sql.query(dataSource, """
                SELECT h.host_id, h.memory_mb - h.root_reserve_mb, COALESCE(SUM(r.memory_mb), 0),
                    h.windows_server_version
                FROM placement_host h LEFT JOIN placement_reservation r ON r.host_id = h.host_id
                WHERE h.healthy AND NOT h.in_maintenance
                GROUP BY h.host_id, h.memory_mb, h.root_reserve_mb, h.windows_server_version ORDER BY h.host_id""",
                rs -> new HostCandidate(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        HostVersion.fromLabel(rs.getString(4)).isWs2016OrNewer()));
    }

    public void setHealthy(String hostId, boolean healthy) {
        Sql.update(dataSource, "UPDATE placement_host SET healthy = ? WHERE host_id = ?", healthy, hostId);
    }

    public void setMaintenance(String hostId, boolean inMaintenance) {
        Sql.update(dataSource, "UPDATE placement_host SET in_maintenance = ? WHERE host_id = ?", inMaintenance, hostId);
    }

    public Optional<String> reservationOf(String vmId) {
        return Sql.queryOne(dataSource, "SELECT host_id FROM placement_reservation WHERE vm_id = ?",
                rs -> rs.getString(1), vmId);
    }

    public void reserve(String vmId, String hostId, long memoryMb) {
        Sql.update(dataSource, "INSERT INTO placement_reservation (vm_id, host_id, memory_mb) VALUES (?, ?, ?)",
                vmId, hostId, memoryMb);
    }

    public void release(String vmId) {
        Sql.update(dataSource, "DELETE FROM placement_reservation WHERE vm_id = ?", vmId);
    }
}
