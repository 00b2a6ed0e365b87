package dev.hyperplane.memory.query;

import dev.hyperplane.memory.domain.Recommendation;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The control loop's latest recommendations, replaced as a whole every round. */
@ApplicationScoped
public class Recommendations {

    @Inject
    AgroalDataSource dataSource;

    /** A recommendation of the last round that saw the VM. */
    public record Made(String vmId, String tenantId, String hostId, String kind, String setting, long current,
                       long suggested, String reason, Instant madeAt) {
    }

    public void replace(List<Recommendation> recommendations, Map<String, String> tenantByVm, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            Sql.update(dataSource, "DELETE FROM mb_recommendation");
            for (Recommendation r : recommendations) {
                Sql.update(dataSource, """
                        INSERT INTO mb_recommendation (vm_id, kind, tenant_id, host_id, setting, current, suggested,
                            reason, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        r.vmId(), r.kind(), tenantByVm.getOrDefault(r.vmId(), ""), r.hostId(), r.setting(),
                        r.current(), r.suggested(), r.reason(), Timestamp.from(now));
            }
        });
    }

    /** For one tenant, or all when {@code tenantId} is null. */
    public List<Made> list(String tenantId) {
        return Sql.query(dataSource, """
                SELECT * FROM mb_recommendation WHERE ?::text IS NULL OR tenant_id = ? ORDER BY vm_id, kind""",
                rs -> new Made(rs.getString("vm_id"), rs.getString("tenant_id"), rs.getString("host_id"),
                        rs.getString("kind"), rs.getString("setting"), rs.getLong("current"),
                        rs.getLong("suggested"), rs.getString("reason"), FleetMemory.instant(rs, "made_at")),
                tenantId, tenantId);
    }
}
