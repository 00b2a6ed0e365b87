package dev.hyperplane.integrations.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Each VM's tenant, from VmRequested: agent events name a VM but carry no tenant. */
@ApplicationScoped
public class VmTenants {

    @Inject
    AgroalDataSource dataSource;

    public void requested(String vmId, String tenantId) {
        Sql.update(dataSource, "INSERT INTO vm_tenant (vm_id, tenant_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                vmId, tenantId);
    }

    public Optional<String> tenantOf(String vmId) {
        return Sql.queryOne(dataSource, "SELECT tenant_id FROM vm_tenant WHERE vm_id = ?", rs -> rs.getString(1),
                vmId);
    }
}
