package dev.hyperplane.provisioning.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Which request an Idempotency-Key was first used for, and what it created. Joins the caller's transaction. */
@ApplicationScoped
public class IdempotencyKeys {

    /** The request a key belongs to, by hash, and the VM and operation it created. */
    public record Use(String requestHash, String vmId, String operationId) {
    }

    @Inject
    AgroalDataSource dataSource;

    public Optional<Use> find(String tenantId, String key) {
        return Sql.queryOne(dataSource, "SELECT request_hash, vm_id, operation_id FROM idempotency_key "
                        + "WHERE tenant_id = ? AND idem_key = ?",
                rs -> new Use(rs.getString(1), rs.getString(2), rs.getString(3)), tenantId, key);
    }

    /** Fails with a unique-key violation when a concurrent request recorded the key first. */
    public void record(String tenantId, String key, Use use) {
        Sql.update(dataSource, "INSERT INTO idempotency_key (tenant_id, idem_key, request_hash, vm_id, operation_id) "
                + "VALUES (?, ?, ?, ?, ?)", tenantId, key, use.requestHash(), use.vmId(), use.operationId());
    }
}
