package dev.hyperplane.provisioning.query;

import dev.hyperplane.provisioning.domain.HostCandidate;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hosts placement may use and the memory reserved on them. Joins the caller's JTA transaction. */
@ApplicationScoped
public class PlacementStore {

    @Inject
    AgroalDataSource dataSource;

    public void upsertHost(String hostId, long memoryMb, long rootReserveMb, Instant registeredAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO placement_host (host_id, memory_mb, root_reserve_mb, registered_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET memory_mb = EXCLUDED.memory_mb,
                    root_reserve_mb = EXCLUDED.root_reserve_mb""")) {
            st.setString(1, hostId);
            st.setLong(2, memoryMb);
            st.setLong(3, rootReserveMb);
            st.setTimestamp(4, Timestamp.from(registeredAt));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<HostCandidate> candidates() {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT h.host_id, h.memory_mb - h.root_reserve_mb, COALESCE(SUM(r.memory_mb), 0)
                FROM placement_host h LEFT JOIN placement_reservation r ON r.host_id = h.host_id
                GROUP BY h.host_id, h.memory_mb, h.root_reserve_mb ORDER BY h.host_id""");
             ResultSet rs = st.executeQuery()) {
            List<HostCandidate> hosts = new ArrayList<>();
            while (rs.next()) {
                hosts.add(new HostCandidate(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
            return hosts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> reservationOf(String vmId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT host_id FROM placement_reservation WHERE vm_id = ?")) {
            st.setString(1, vmId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void reserve(String vmId, String hostId, long memoryMb) {
        execute("INSERT INTO placement_reservation (vm_id, host_id, memory_mb) VALUES (?, ?, ?)", vmId, hostId, memoryMb);
    }

    public void release(String vmId) {
        execute("DELETE FROM placement_reservation WHERE vm_id = ?", vmId);
    }

    private void execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
