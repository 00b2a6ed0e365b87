package dev.hyperplane.memory.query;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.memory.domain.PolicyRules;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The memory policies as set (VM policies and tenant plans), and what each VM should have from them. */
@ApplicationScoped
public class MemoryPolicies {

    @Inject
    AgroalDataSource dataSource;

    public record VmPolicy(String vmId, String tenantId, long startupMb, MemoryPlan memory, long version,
                           String setBy, Instant setAt) {
    }

    public record TenantPlan(String tenantId, MemoryPlan memory, long version, String setBy, Instant setAt) {
    }

    /**
     * What a VM should have and where that comes from.
     *
     * @param source {@code vm} (its own policy) or {@code tenant} (its tenant's plan)
     * @param tag    names the policy version, e.g. {@code vm-v3}: part of the push's command id
     */
    public record Desired(String source, long startupMb, MemoryPlan memory, String tag) {
    }

    public Optional<VmPolicy> vmPolicy(String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM mb_vm_policy WHERE vm_id = ?", MemoryPolicies::vmPolicy, vmId);
    }

    public Optional<TenantPlan> tenantPlan(String tenantId) {
        return Sql.queryOne(dataSource, "SELECT * FROM mb_tenant_plan WHERE tenant_id = ?", MemoryPolicies::plan,
                tenantId);
    }

    public Map<String, VmPolicy> vmPolicies() {
        return Sql.query(dataSource, "SELECT * FROM mb_vm_policy", MemoryPolicies::vmPolicy).stream().collect(Collectors.toMap(VmPolicy::vmId, Function.identity()));
    }

    public Map<String, TenantPlan> tenantPlans() {
        return Sql.query(dataSource, "SELECT * FROM mb_tenant_plan", MemoryPolicies::plan).stream()
                .collect(Collectors.toMap(TenantPlan::tenantId, Function.identity()));
    }

    /** The VM's own policy wins over its tenant's plan; with neither the VM keeps what it was created with. */
    public static Optional<Desired> desired(FleetMemory.Vm vm, VmPolicy own, TenantPlan plan) {
        if (own != null) {
            return Optional.of(new Desired("vm", own.startupMb(), own.memory(), "vm-v" + own.version()));
        }
        if (plan != null) {
            return Optional.of(new Desired("tenant", vm.startupMb(),
                    PolicyRules.applyPlan(plan.memory(), vm.startupMb(), vm.guest(), vm.approvedMostMb()),
                    "tenant-v" + plan.version()));
        }
        return Optional.empty();
    }

    private static VmPolicy vmPolicy(ResultSet rs) throws SQLException {
        return new VmPolicy(rs.getString("vm_id"), rs.getString("tenant_id"), rs.getLong("startup_mb"),
                FleetMemory.plan(rs), rs.getLong("version"), rs.getString("set_by"), FleetMemory.instant(rs, "set_at"));
    }

    private static TenantPlan plan(ResultSet rs) throws SQLException {
        return new TenantPlan(rs.getString("tenant_id"), FleetMemory.plan(rs), rs.getLong("version"),
                rs.getString("set_by"), FleetMemory.instant(rs, "set_at"));
    }
}
