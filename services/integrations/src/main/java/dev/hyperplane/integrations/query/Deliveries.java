package dev.hyperplane.integrations.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.integrations.domain.SubjectOrder;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;
import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * Deliveries: one event to one subscription, pending until delivered or given up. An attempt in flight holds a
 * claim that lapses after a lease: if the replica sending it dies, another sends it again (the same
 * {@code webhook-id}), so a crash costs at most a duplicate the receiver recognises.
 */
@ApplicationScoped
public class Deliveries {
    private static final ObjectMapper JSON = EventJson.newMapper();

    @Inject
    AgroalDataSource dataSource;

    /** A claimed attempt: what to send, where. */
    public record Claimed(long deliveryId, String webhookId, String url, int attempt, String eventId, String body,
                          Instant kafkaAt) {
    }

    /** Queues an event for subscriptions, once each: a redelivered record adds nothing. */
    public void enqueue(StoredEvent event, List<String> webhookIds, Instant now) {
        for (String webhookId : webhookIds) {
            Sql.update(dataSource, """
                    INSERT INTO delivery (webhook_id, position, subject, next_attempt_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (webhook_id, position, round) DO NOTHING""",
                    webhookId, event.position(), event.subject(), ts(now));
        }
    }

    /** Queues the events again for one subscription, as a new round: the same ids, after everything queued so far. */
    public int replay(String webhookId, List<StoredEvent> events, Instant now) {
        int round = Sql.queryOne(dataSource, "SELECT COALESCE(max(round), 0) + 1 FROM delivery WHERE webhook_id = ?",
                rs -> rs.getInt(1), webhookId).orElse(1);
        int queued = 0;
        for (StoredEvent event : events) {
            queued += Sql.update(dataSource, """
                    INSERT INTO delivery (webhook_id, position, round, subject, next_attempt_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (webhook_id, position, round) DO NOTHING""",
                    webhookId, event.position(), round, event.subject(), ts(now));
        }
        return queued;
    }

    /** The active subscriptions with a delivery due now that no one is sending. */
    public List<String> webhooksWithDue(Instant now) {
        return Sql.query(dataSource, """
                SELECT DISTINCT d.webhook_id FROM delivery d JOIN webhook w USING (webhook_id)
                 WHERE w.active AND d.state = 'pending' AND d.next_attempt_at <= ?
                   AND (d.claimed_until IS NULL OR d.claimed_until < ?)""", rs -> rs.getString(1), ts(now), ts(now));
    }

    /**
     * The oldest pending delivery of each of a subscription's subjects, for {@link SubjectOrder}: only these may go,
     * and only these are ever in flight, so the rest need not be read.
     */
    public List<SubjectOrder.Pending> heads(String webhookId, Instant now) {
        return Sql.query(dataSource, """
                SELECT DISTINCT ON (subject) delivery_id, subject, next_attempt_at, claimed_until > ? AS in_flight
                  FROM delivery WHERE webhook_id = ? AND state = 'pending' ORDER BY subject, delivery_id""",
                rs -> new SubjectOrder.Pending(rs.getString(1), rs.getString(2), rs.getLong(1),
                        instant(rs.getTimestamp(3)), rs.getBoolean(4)), ts(now), webhookId);
    }

    /** Claims a delivery for one attempt until {@code until}; empty if another replica claimed it first. */
    public Optional<Claimed> claim(long deliveryId, Instant now, Instant until) {
        return Sql.queryOne(dataSource, """
                WITH claimed AS (
                    UPDATE delivery SET claimed_until = ?
                     WHERE delivery_id = ? AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)
                    RETURNING delivery_id, webhook_id, position, attempts)
                SELECT c.delivery_id, c.webhook_id, w.url, c.attempts + 1, e.event_id, e.body, e.kafka_at
                  FROM claimed c JOIN webhook w USING (webhook_id) JOIN integration_event e USING (position)""",
                rs -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), instant(rs.getTimestamp(7))), ts(until), deliveryId, ts(now));
    }

    /**
     * Records an attempt and what it decided: delivered, given up, or pending again until {@code nextAttemptAt}.
     * A delivery already settled (a replica that outlived its lease) stays as it was.
     */
    public void record(Claimed attempt, Instant at, Integer status, long latencyMs, String error, String state,
                       Instant nextAttemptAt) {
        Sql.update(dataSource, """
                INSERT INTO delivery_attempt (delivery_id, attempt, at, status, latency_ms, error)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                attempt.deliveryId(), attempt.attempt(), ts(at), status, latencyMs, error);
        Sql.update(dataSource, """
                UPDATE delivery SET state = ?, attempts = ?, next_attempt_at = COALESCE(?::timestamptz, next_attempt_at),
                    claimed_until = NULL, last_status = ?, last_error = ?, last_latency_ms = ?,
                    delivered_at = CASE WHEN ?::text = 'delivered' THEN ?::timestamptz END
                 WHERE delivery_id = ? AND state = 'pending'""",
                state, attempt.attempt(), ts(nextAttemptAt), status, error, latencyMs, state, ts(at),
                attempt.deliveryId());
    }

    /** The delivery log of a subscription, newest first; the cursor is the last delivery id shown. */
    public List<DeliveryView> log(String webhookId, String state, Long before, int limit) {
        return Sql.query(dataSource, """
                SELECT d.delivery_id, e.event_id, e.type, d.subject, d.round, d.state, d.next_attempt_at,
                       d.created_at, d.delivered_at,
                       (SELECT COALESCE(json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'status', a.status,
                                   'latencyMs', a.latency_ms, 'error', a.error) ORDER BY a.attempt), '[]')
                          FROM delivery_attempt a WHERE a.delivery_id = d.delivery_id) AS attempts
                  FROM delivery d JOIN integration_event e USING (position)
                 WHERE d.webhook_id = ? AND (?::text IS NULL OR d.state = ?) AND (?::bigint IS NULL OR d.delivery_id < ?)
                 ORDER BY d.delivery_id DESC LIMIT ?""", Deliveries::view, webhookId, state, state, before, before,
                limit);
    }

    private static DeliveryView view(ResultSet rs) throws SQLException {
        List<DeliveryView.Attempt> attempts;
        try {
            attempts = JSON.readValue(rs.getString("attempts"), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String state = rs.getString("state");
        return new DeliveryView(rs.getString("delivery_id"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("subject"), rs.getInt("round"), state, attempts,
                "pending".equals(state) ? instant(rs.getTimestamp("next_attempt_at")) : null,
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("delivered_at")));
    }
}
