package dev.hyperplane.backup.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The repository the restore points are written to: its capacity (configuration,
 * {@code hyperplane.backup.repository.capacity-mb}) and what the points hold, in all and per tenant (for billing).
 * Merges and prunes change it as they change the points.
 */
@ApplicationScoped
public class Repository {

    /** The repository as the API shows it; a tenant's caller sees its own usage only (capacity and totals null). */
    @Schema(name = "BackupRepository")
    public record View(Long capacityMb, Long usedMb, Long freeMb, List<TenantUsage> tenants) {
    }

    /** What one tenant's restore points hold. */
    @Schema(name = "BackupTenantUsage")
    public record TenantUsage(String tenantId, long usedMb, int restorePoints) {
    }

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "hyperplane.backup.repository.capacity-mb")
    long capacityMb;

    public long capacityMb() {
        return capacityMb;
    }

    public long usedMb() {
        return Sql.queryOne(dataSource, "SELECT COALESCE(SUM(size_mb), 0) FROM restore_point", rs -> rs.getLong(1))
                .orElse(0L);
    }

    public long freeMb() {
        return Math.max(0, capacityMb - usedMb());
    }

    /** @param tenantId null: every tenant, with the repository's totals */
    public View view(String tenantId) {
        List<TenantUsage> tenants = Sql.query(dataSource, """
                SELECT tenant_id, SUM(size_mb), COUNT(*) FROM restore_point
                WHERE ?::text IS NULL OR tenant_id = ? GROUP BY tenant_id ORDER BY tenant_id""",
                rs -> new TenantUsage(rs.getString(1), rs.getLong(2), rs.getInt(3)), tenantId, tenantId);
        if (tenantId != null) {
            return new View(null, null, null, tenants.isEmpty() ? List.of(new TenantUsage(tenantId, 0, 0)) : tenants);
        }
        long used = usedMb();
        return new View(capacityMb, used, Math.max(0, capacityMb - used), tenants);
    }
}
