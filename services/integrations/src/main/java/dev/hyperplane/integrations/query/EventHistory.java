package dev.hyperplane.integrations.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;
import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * The deliverable public events, in the order they arrived (pruned after the configured history): what
 * deliveries send, replay sends again and the tenant feed serves.
 * <p>
 * Positions are the feed's cursor, so they must become visible in their order: with several replicas appending,
 * a position taken by a transaction that commits after a later one would be skipped by a reader that already
 * passed it. Appends therefore take one transaction-scoped advisory lock: positions are taken and committed one
 * transaction at a time (each is short: one event and its deliveries).
 */
@ApplicationScoped
public class EventHistory {
    private static final String COLUMNS =
            "position, event_id, type, subject, tenant_id, tenant_may, occurred_at, kafka_at, body";

    /** The advisory lock key of appends ("integ" in ASCII); other locks of this database use other keys. */
    static final long APPEND_LOCK = 0x696e746567L;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Appends in the caller's transaction, holding the history's lock until it ends.
     *
     * @return the stored event, or empty if its id is already in the history (a redelivered record)
     */
    public Optional<StoredEvent> append(StoredEvent event) {
        Sql.query(dataSource, "SELECT pg_advisory_xact_lock(?)", rs -> null, APPEND_LOCK);
        return Sql.queryOne(dataSource, """
                INSERT INTO integration_event (event_id, type, subject, tenant_id, tenant_may, occurred_at, kafka_at,
                    body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING""" + " " + COLUMNS,
                EventHistory::stored, event.eventId(), event.type(), event.subject(), event.tenantId(),
                event.tenantMay(), ts(event.occurredAt()), ts(event.kafkaAt()), event.body());
    }

    /**
     * Events after a position that a caller may read: a tenant's own of the types tenants receive, or (tenant
     * null) every event, for a fleet admin.
     */
    public List<StoredEvent> after(long position, String tenant, int limit) {
        return Sql.query(dataSource, "SELECT " + COLUMNS + " " + """
                         FROM integration_event
                        WHERE position > ? AND (?::text IS NULL OR tenant_id = ? AND tenant_may)
                        ORDER BY position LIMIT ?""", EventHistory::stored, position, tenant, tenant, limit);
    }

    /** The first position at or after a time, for a replay from then; empty when nothing is that recent. */
    public Optional<Long> firstAtOrAfter(Instant from) {
        return Sql.queryOne(dataSource, "SELECT min(position) FROM integration_event WHERE occurred_at >= ?",
                rs -> rs.getObject(1) == null ? null : rs.getLong(1), ts(from));
    }

    /** When the oldest event still kept occurred: replay cannot reach further back. */
    public Optional<Instant> oldest() {
        return Sql.queryOne(dataSource, "SELECT min(occurred_at) FROM integration_event",
                rs -> instant(rs.getTimestamp(1)));
    }

    public Optional<StoredEvent> at(long position) {
        return Sql.queryOne(dataSource, "SELECT " + COLUMNS + " FROM integration_event WHERE position = ?",
                EventHistory::stored, position);
    }

    static StoredEvent stored(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("position"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("subject"), rs.getString("tenant_id"), rs.getBoolean("tenant_may"),
                instant(rs.getTimestamp("occurred_at")), instant(rs.getTimestamp("kafka_at")), rs.getString("body"));
    }
}
