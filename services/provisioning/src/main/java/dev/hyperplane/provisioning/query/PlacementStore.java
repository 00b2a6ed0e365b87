package dev.hyperplane.provisioning.query;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.placement.HaReserve;
import dev.hyperplane.placement.HostCandidate;
import dev.hyperplane.placement.PlacementRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered hosts placement chooses from, with their health and maintenance, and the memory reserved on them
 * by placed VMs. Joins the caller's JTA transaction.
 */
@ApplicationScoped
public class PlacementStore {

    @Inject
    AgroalDataSource dataSource;

    public void upsertHost(String hostId, String windowsServerVersion, int logicalProcessors, long memoryMb,
                           long rootReserveMb, Instant registeredAt) {
        Sql.update(dataSource, """
                INSERT INTO placement_host (host_id, windows_server_version, logical_processors, memory_mb,
                    root_reserve_mb, registered_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET memory_mb = EXCLUDED.memory_mb,
                    root_reserve_mb = EXCLUDED.root_reserve_mb, logical_processors = EXCLUDED.logical_processors,
                    windows_server_version = EXCLUDED.windows_server_version""",
                hostId, windowsServerVersion, logicalProcessors, memoryMb, rootReserveMb, Timestamp.from(registeredAt));
    }

    /**
     * Serializes placements until the caller's transaction ends: the saga places on its processor thread and, for
     * a VM waiting for a host, on a deadline's thread; the second must see the first's reservation committed.
     */
    public void lockPlacements() {
        Sql.query(dataSource, "SELECT pg_advisory_xact_lock(hashtext('hyperplane.placement'))", rs -> 1);
    }

    /**
     * Every registered host, with what is reserved on it (by the VMs placed there and the VMs moving there) and the
     * anti-affinity groups of those VMs.
     */
    public List<HostCandidate> candidates() {
        return Sql.query(dataSource, """
                SELECT h.host_id, h.memory_mb - h.root_reserve_mb, COALESCE(SUM(r.memory_mb), 0),
                    h.windows_server_version, h.logical_processors, h.healthy AND NOT h.in_maintenance AND NOT h.fenced
                        AND NOT h.quarantined,
                    COUNT(r.vm_id), STRING_AGG(DISTINCT r.tenant_id || '/' || r.anti_affinity_group, ' ')
                FROM placement_host h LEFT JOIN (
                    SELECT vm_id, host_id, memory_mb, tenant_id, anti_affinity_group FROM placement_reservation
                    UNION ALL
                    SELECT vm_id, host_id, memory_mb, tenant_id, anti_affinity_group FROM placement_move
                ) r ON r.host_id = h.host_id
                GROUP BY h.host_id ORDER BY h.host_id""",
                rs -> new HostCandidate(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        HostVersion.canonicalLabel(rs.getString(4)), rs.getInt(5), rs.getBoolean(6),
                        rs.getInt(7), rs.getString(8) == null ? Set.of() : Set.of(rs.getString(8).split(" "))));
    }

    /**
     * The hosts (as {@link #candidates()} read them) as HA's reserve sees them: what is reserved there and the memory
     * of each VM placed there that HA would restart (priority not off).
     */
    public List<HaReserve.Host> haReserveHosts(List<HostCandidate> candidates) {
        Map<String, List<Long>> protectedVms = new HashMap<>();
        Sql.query(dataSource, """
                SELECT r.host_id, r.memory_mb FROM placement_reservation r JOIN vm_view v ON v.vm_id = r.vm_id
                WHERE v.ha_priority <> 'off' ORDER BY r.host_id, r.vm_id""",
                rs -> protectedVms.computeIfAbsent(rs.getString(1), h -> new ArrayList<>()).add(rs.getLong(2)));
        return candidates.stream().map(h -> new HaReserve.Host(h.hostId(), h.allocatableMb(), h.reservedMb(),
                h.available(), protectedVms.getOrDefault(h.hostId(), List.of()))).toList();
    }

    /** @param reason why it is not Ready (null when it is) */
    public void setHealthy(String hostId, boolean healthy, String reason) {
        Sql.update(dataSource, "UPDATE placement_host SET healthy = ?, unhealthy_reason = ? WHERE host_id = ?",
                healthy, healthy ? null : reason, hostId);
    }

    /** Hosts inventory finds not Ready, with why. */
    public Map<String, String> unhealthyHosts() {
        Map<String, String> hosts = new LinkedHashMap<>();
        Sql.query(dataSource, "SELECT host_id, unhealthy_reason FROM placement_host WHERE NOT healthy ORDER BY host_id",
                rs -> hosts.put(rs.getString(1), rs.getString(2) == null ? "not Ready" : rs.getString(2)));
        return hosts;
    }

    /** A host HA fenced takes no VM until an operator clears it, even once it reports again. */
    public void setFenced(String hostId, boolean fenced) {
        Sql.update(dataSource, "UPDATE placement_host SET fenced = ? WHERE host_id = ?", fenced, hostId);
    }

    /** A host HA quarantined (it failed too often) takes no VM until the quarantine ends or is cleared. */
    public void setQuarantined(String hostId, boolean quarantined) {
        Sql.update(dataSource, "UPDATE placement_host SET quarantined = ? WHERE host_id = ?", quarantined, hostId);
    }

    public void setMaintenance(String hostId, boolean inMaintenance) {
        Sql.update(dataSource, "UPDATE placement_host SET in_maintenance = ? WHERE host_id = ?", inMaintenance, hostId);
    }

    public void move(String vmId, String hostId) {
        Sql.update(dataSource, "UPDATE placement_reservation SET host_id = ? WHERE vm_id = ?", hostId, vmId);
    }

    public Optional<String> reservationOf(String vmId) {
        return Sql.queryOne(dataSource, "SELECT host_id FROM placement_reservation WHERE vm_id = ?",
                rs -> rs.getString(1), vmId);
    }

    public void reserve(PlacementRequest vm, String hostId) {
        Sql.update(dataSource, """
                INSERT INTO placement_reservation (vm_id, host_id, memory_mb, tenant_id, anti_affinity_group)
                VALUES (?, ?, ?, ?, ?)""", vm.vmId(), hostId, vm.memoryMb(), vm.tenantId(), vm.antiAffinityGroup());
    }

    /** A resized VM keeps its host with its new startup memory. */
    public void resize(String vmId, long memoryMb) {
        Sql.update(dataSource, "UPDATE placement_reservation SET memory_mb = ? WHERE vm_id = ?", memoryMb, vmId);
    }

    public void release(String vmId) {
        Sql.update(dataSource, "DELETE FROM placement_reservation WHERE vm_id = ?", vmId);
        Sql.update(dataSource, "DELETE FROM placement_move WHERE vm_id = ?", vmId);
    }

    /** The destination of a move holds the VM's memory (as much as its reservation on the source) from now on. */
    public void reserveMove(String vmId, String migrationId, String hostId) {
        Sql.update(dataSource, """
                INSERT INTO placement_move (vm_id, migration_id, host_id, memory_mb, tenant_id, anti_affinity_group)
                SELECT vm_id, ?, ?, memory_mb, tenant_id, anti_affinity_group FROM placement_reservation
                WHERE vm_id = ?""", migrationId, hostId, vmId);
    }

    /** The move's destination, if the VM is being moved. */
    public Optional<String> moveOf(String vmId, String migrationId) {
        return Sql.queryOne(dataSource, "SELECT host_id FROM placement_move WHERE vm_id = ? AND migration_id = ?",
                rs -> rs.getString(1), vmId, migrationId);
    }

    /** The VM runs on its move's destination: its reservation is there now. */
    public void completeMove(String vmId) {
        Sql.update(dataSource, """
                UPDATE placement_reservation r SET host_id = m.host_id FROM placement_move m
                WHERE r.vm_id = m.vm_id AND m.vm_id = ?""", vmId);
        Sql.update(dataSource, "DELETE FROM placement_move WHERE vm_id = ?", vmId);
    }

    /** The move ended otherwise: its destination lets go. */
    public void abandonMove(String vmId) {
        Sql.update(dataSource, "DELETE FROM placement_move WHERE vm_id = ?", vmId);
    }
}
