package dev.hyperplane.memory.query;

import dev.hyperplane.memory.domain.Rebalance;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** The rebalance decisions published so far (projected from MemoryRebalanceRequested). */
@ApplicationScoped
public class Rebalances {

    @Inject
    AgroalDataSource dataSource;

    public record Decided(Rebalance decision, Instant decidedAt) {
    }

    /** Newest first; after the cursor (a decision id) when one is given; for one host (from or to) when named. */
    public List<Decided> list(String hostId, String after, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM mb_decision WHERE (?::text IS NULL OR from_host_id = ? OR to_host_id = ?)
                    AND (?::text IS NULL OR (decided_at, decision_id) < (SELECT decided_at, decision_id FROM mb_decision
                        WHERE decision_id = ?))
                ORDER BY decided_at DESC, decision_id DESC LIMIT ?""",
                rs -> new Decided(new Rebalance(rs.getString("decision_id"), rs.getString("vm_id"),
                        rs.getString("from_host_id"), rs.getString("to_host_id"), rs.getString("reason"),
                        rs.getInt("host_pressure"), rs.getLong("vm_demand_mb")), FleetMemory.instant(rs, "decided_at")),
                hostId, hostId, hostId, after, after, limit);
    }
}
