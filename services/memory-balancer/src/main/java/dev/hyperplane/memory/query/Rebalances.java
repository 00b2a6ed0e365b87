package dev.hyperplane.memory.query;

import dev.hyperplane.memory.domain.Rebalance;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The rebalance decisions published so far (projected from MemoryRebalanceRequested), each with what became of it:
 * the migration service executes a decision as a migration carrying its id, and reports how it ended.
 */
@ApplicationScoped
public class Rebalances {

    @Inject
    AgroalDataSource dataSource;

    /**
     * @param outcome null until the migration service takes the decision up
     */
    public record Decided(Rebalance decision, Instant decidedAt, Outcome outcome) {
    }

    /**
     * What became of a decision.
     *
     * @param state  migrating (taken up), completed, failed or cancelled
     * @param reason why it failed or was cancelled; null otherwise
     * @param at     when it was taken up or ended
     */
    public record Outcome(String migrationId, String state, String reason, Instant at) {
    }

    /** The migration service took the decision up as {@code migrationId}. */
    public void takenUp(String decisionId, String migrationId, Instant at) {
        Sql.update(dataSource, """
                UPDATE mb_decision SET migration_id = ?, outcome = 'migrating', outcome_at = ?
                WHERE decision_id = ? AND outcome IS NULL""", migrationId, Timestamp.from(at), decisionId);
    }

    /** The migration executing a decision ended: completed, failed or cancelled. */
    public void ended(String migrationId, String state, String reason, Instant at) {
        Sql.update(dataSource, """
                UPDATE mb_decision SET outcome = ?, outcome_reason = ?, outcome_at = ?
                WHERE migration_id = ? AND outcome = 'migrating'""", state, reason, Timestamp.from(at), migrationId);
    }

    /**
     * Hosts whose latest decision failed or was cancelled: the move it asked for will not take effect, so waiting
     * out the cooldown for it would only keep the host hot longer; the next round may decide again at once.
     */
    public Set<String> cooldownReleased() {
        return Set.copyOf(Sql.query(dataSource, """
                SELECT from_host_id FROM (SELECT DISTINCT ON (from_host_id) from_host_id, outcome FROM mb_decision
                    ORDER BY from_host_id, decided_at DESC, decision_id DESC) latest
                WHERE outcome IN ('failed', 'cancelled')""", rs -> rs.getString(1)));
    }

    /**
     * Decisions the migration service has not finished: not taken up yet, or migrating. Their VMs count on their
     * destinations in the next round. One older than {@code maxAge} no longer counts (never taken up, or its end
     * never reached us): the samples tell where its VM is.
     */
    public List<Rebalance> inFlight(Instant now, Duration maxAge) {
        return Sql.query(dataSource, """
                SELECT * FROM mb_decision WHERE (outcome IS NULL OR outcome = 'migrating') AND decided_at > ?
                ORDER BY decided_at, decision_id""", Rebalances::decision, Timestamp.from(now.minus(maxAge)));
    }

    private static Rebalance decision(ResultSet rs) throws SQLException {
        return new Rebalance(rs.getString("decision_id"), rs.getString("vm_id"), rs.getString("from_host_id"),
                rs.getString("to_host_id"), rs.getString("reason"), rs.getInt("host_pressure"),
                rs.getLong("vm_demand_mb"));
    }

    /** Newest first; after the cursor (a decision id) when one is given; for one host (from or to) when named. */
    public List<Decided> list(String hostId, String after, int limit) {
        return Sql.query(dataSource, """
                SELECT * FROM mb_decision WHERE (?::text IS NULL OR from_host_id = ? OR to_host_id = ?)
                    AND (?::text IS NULL OR (decided_at, decision_id) < (SELECT decided_at, decision_id FROM mb_decision
                        WHERE decision_id = ?))
                ORDER BY decided_at DESC, decision_id DESC LIMIT ?""",
                rs -> new Decided(decision(rs), FleetMemory.instant(rs, "decided_at"),
                        rs.getString("outcome") == null ? null : new Outcome(rs.getString("migration_id"),
                                rs.getString("outcome"), rs.getString("outcome_reason"),
                                FleetMemory.instant(rs, "outcome_at"))),
                hostId, hostId, hostId, after, after, limit);
    }
}
