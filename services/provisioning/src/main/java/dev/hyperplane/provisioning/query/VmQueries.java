package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.GuestOs;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the VM and operation read models. */
@ApplicationScoped
public class VmQueries {

    @Inject
    AgroalDataSource dataSource;

    public Optional<VmView> vm(String vmId) {
        return query("SELECT * FROM vm_view WHERE vm_id = ?", List.of(vmId)).stream().findFirst();
    }

    /** VMs in id order after {@code cursor}, at most {@code limit}; filters may be null. */
    public List<VmView> vms(String tenantId, String state, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM vm_view WHERE vm_id > ?");
        List<Object> args = new ArrayList<>(List.of(cursor == null ? "" : cursor));
        if (tenantId != null) {
            sql.append(" AND tenant_id = ?");
            args.add(tenantId);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        sql.append(" ORDER BY vm_id LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args);
    }

    public Optional<OperationView> operation(String operationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT * FROM operation WHERE operation_id = ?")) {
            st.setString(1, operationId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OperationView(rs.getString("operation_id"), rs.getString("kind"),
                        rs.getString("state"), rs.getInt("progress"), rs.getString("vm_id"),
                        "/api/v1/vms/" + rs.getString("vm_id"), rs.getString("error"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<VmView> query(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                List<VmView> vms = new ArrayList<>();
                while (rs.next()) {
                    vms.add(new VmView(rs.getString("vm_id"), rs.getString("tenant_id"), rs.getString("name"),
                            rs.getInt("vcpus"), rs.getLong("memory_mb"),
                            new GuestOs(rs.getString("guest_family"), rs.getString("guest_distribution"),
                                    rs.getString("guest_version")),
                            rs.getString("host_id"), rs.getString("state"), rs.getString("failure_reason"),
                            rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant()));
                }
                return vms;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
