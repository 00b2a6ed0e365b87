package dev.hyperplane.provisioning.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenants' limits and what their VMs use. Usage is counted from the VM read model (every VM that is not Failed or
 * Deleted, a resize in flight at its larger size), so it cannot drift from the VMs. A check takes a per-tenant
 * lock until the caller's transaction ends; the VM's first event is written in that transaction, so two
 * concurrent requests cannot both take the last place.
 */
@ApplicationScoped
public class Quotas {

    /** Limits, and a tenant's use of them. */
    public record Quota(String tenantId, int maxVcpus, long maxMemoryMb, int maxVms, boolean isDefault) {
    }

    public record Usage(int vcpus, long memoryMb, int vms) {
    }

    /** One limit a request would exceed. */
    public record Excess(String field, String reason) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    @ConfigProperty(name = "hyperplane.quota.default.vcpus", defaultValue = "64")
    int defaultVcpus;
    @ConfigProperty(name = "hyperplane.quota.default.memory-mb", defaultValue = "262144")
    long defaultMemoryMb;
    @ConfigProperty(name = "hyperplane.quota.default.vms", defaultValue = "50")
    int defaultVms;

    public Quota quota(String tenantId) {
        return Sql.queryOne(dataSource, "SELECT * FROM tenant_quota WHERE tenant_id = ?",
                        rs -> new Quota(tenantId, rs.getInt("max_vcpus"), rs.getLong("max_memory_mb"),
                                rs.getInt("max_vms"), false), tenantId)
                .orElseGet(() -> new Quota(tenantId, defaultVcpus, defaultMemoryMb, defaultVms, true));
    }

    public void set(Quota quota, String by) {
        Sql.update(dataSource, """
                INSERT INTO tenant_quota (tenant_id, max_vcpus, max_memory_mb, max_vms, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET max_vcpus = EXCLUDED.max_vcpus,
                    max_memory_mb = EXCLUDED.max_memory_mb, max_vms = EXCLUDED.max_vms,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""",
                quota.tenantId(), quota.maxVcpus(), quota.maxMemoryMb(), quota.maxVms(), by,
                Timestamp.from(clock.instant()));
    }

    /**
     * What the tenant's VMs use; {@code exceptVmId} (may be null) is left out, for a resize. A VM's memory is the
     * most it can hold: its Dynamic Memory maximum, else its startup memory (and during a resize the larger of
     * before and after). Where its host reports it runs larger than approved (changed on the host behind the
     * control plane's back), the reported size counts.
     */
    public Usage usage(String tenantId, String exceptVmId) {
        return Sql.queryOne(dataSource, """
                SELECT COALESCE(SUM(GREATEST(vcpus, COALESCE(pending_vcpus, 0), COALESCE(host_vcpus, 0))), 0),
                    COALESCE(SUM(GREATEST(memory_mb, CASE WHEN memory_plan_enabled THEN memory_maximum_mb ELSE 0 END,
                        COALESCE(pending_memory_mb, 0), COALESCE(host_memory_mb, 0),
                        COALESCE(host_maximum_mb, 0))), 0), COUNT(*)
                FROM vm_view WHERE tenant_id = ? AND state NOT IN ('Failed', 'Deleted') AND vm_id <> ?""",
                rs -> new Usage(rs.getInt(1), rs.getLong(2), rs.getInt(3)), tenantId,
                exceptVmId == null ? "" : exceptVmId).orElseThrow();
    }

    /**
     * Locks the tenant's quota for the caller's transaction and says which limits a VM of this size would exceed.
     *
     * @param resizedVmId the VM being resized (its current size is replaced), or null for a new VM
     */
    public List<Excess> check(String tenantId, int vcpus, long memoryMb, String resizedVmId) {
        Sql.queryOne(dataSource, "SELECT pg_advisory_xact_lock(hashtext(?))", rs -> true, "quota/" + tenantId);
        Quota quota = quota(tenantId);
        Usage used = usage(tenantId, resizedVmId);
        List<Excess> excess = new ArrayList<>();
        if (resizedVmId == null && used.vms() + 1 > quota.maxVms()) {
            excess.add(new Excess("vmCount", "the tenant has " + used.vms() + " of " + quota.maxVms() + " VMs"));
        }
        if (used.vcpus() + vcpus > quota.maxVcpus()) {
            excess.add(new Excess("vcpus", "the tenant uses " + used.vcpus() + " of " + quota.maxVcpus()
                    + " vCPUs; " + vcpus + " more do not fit"));
        }
        if (used.memoryMb() + memoryMb > quota.maxMemoryMb()) {
            excess.add(new Excess("memoryMb", "the tenant uses " + used.memoryMb() + " of " + quota.maxMemoryMb()
                    + " MB; " + memoryMb + " MB more do not fit"));
        }
        return excess;
    }
}
