package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.provisioning.domain.Reconciliation;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the VM and operation read models. */
@ApplicationScoped
public class VmQueries {

    @Inject
    AgroalDataSource dataSource;

    public Optional<VmView> vm(String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM vm_view WHERE vm_id = ?", VmQueries::vm, vmId);
    }

    /** VMs in id order after {@code cursor}, at most {@code limit}; filters may be null. */
    /** VMs after the cursor in id order; each filter that is not null narrows the list. */
    public List<VmView> vms(VmFilter filter, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM vm_view WHERE vm_id > ?");
        List<Object> args = new ArrayList<>(List.of(cursor == null ? "" : cursor));
        if (filter.tenantId() != null) {
            sql.append(" AND tenant_id = ?");
            args.add(filter.tenantId());
        }
        if (filter.state() != null) {
            sql.append(" AND state = ?");
            args.add(filter.state());
        }
        if (filter.hostId() != null) {
            sql.append(" AND host_id = ?");
            args.add(filter.hostId());
        }
        if (filter.distribution() != null) {
            sql.append(" AND lower(guest_distribution) = lower(?)");
            args.add(filter.distribution());
        }
        sql.append(" ORDER BY vm_id LIMIT ?");
        args.add(limit);
        return Sql.query(dataSource, sql.toString(), VmQueries::vm, args.toArray());
    }

    public Optional<OperationView> operation(String operationId) {
        return Sql.queryOne(dataSource, "SELECT * FROM operation WHERE operation_id = ?", rs -> new OperationView(
                rs.getString("operation_id"), rs.getString("kind"), rs.getString("state"), rs.getInt("progress"),
                rs.getString("vm_id"), "/api/v1/vms/" + rs.getString("vm_id"), rs.getString("error"),
                rs.getString("warning"), rs.getString("requested_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant()), operationId);
    }

    /**
     * What provisioning believes about the VMs recorded on a host and about the VMs that host reports (which may
     * be recorded elsewhere, or failed): the reconciler's desired side.
     */
    public Map<String, Reconciliation.Believed> believed(String hostId, List<String> reportedVmIds) {
        Map<String, Reconciliation.Believed> believed = new LinkedHashMap<>();
        Sql.query(dataSource, """
                SELECT vm_id, host_id, state, updated_at FROM vm_view
                WHERE host_id = ? OR vm_id = ANY (?)""",
                rs -> new Reconciliation.Believed(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                hostId, reportedVmIds.toArray(String[]::new))
                .forEach(vm -> believed.put(vm.vmId(), vm));
        return believed;
    }

    /** The filters of the VM list, named as on every list: tenant, state, host, distribution. */
    public record VmFilter(String tenantId, String state, String hostId, String distribution) {
    }

    private static VmView.HostSize hostSize(ResultSet rs) throws SQLException {
        int vcpus = rs.getInt("host_vcpus");
        if (rs.wasNull()) {
            return null;
        }
        long maximum = rs.getLong("host_maximum_mb");
        return new VmView.HostSize(vcpus, rs.getLong("host_memory_mb"), rs.wasNull() ? null : maximum);
    }

    private static VmView vm(ResultSet rs) throws SQLException {
        return new VmView(rs.getString("vm_id"), rs.getString("tenant_id"), rs.getString("name"),
                rs.getInt("vcpus"), rs.getLong("memory_mb"),
                rs.getBoolean("memory_plan_enabled")
                        ? new VmView.DynamicMemory(rs.getLong("memory_minimum_mb"), rs.getLong("memory_maximum_mb"))
                        : null,
                new GuestOs(rs.getString("guest_family"), rs.getString("guest_distribution"),
                        rs.getString("guest_version"), rs.getString("guest_catalog_id")),
                rs.getString("host_id"), rs.getString("state"), rs.getString("failure_reason"),
                rs.getString("anti_affinity_group"), rs.getString("migration_mode"), rs.getString("ha_priority"), hostSize(rs), rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
