package dev.hyperplane.platform.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parked records of this service's consumers, with their bytes, in PostgreSQL: the consumer asks which keys
 * are parked, parks a record, and an operator lists, redrives or discards them. The dead-letter topic gets a copy
 * of every parked record too, for tools that read Kafka; this table is what redrive works from.
 */
@ApplicationScoped
public class DeadLetters {
    private static final TypeReference<List<StoredHeader>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, consumer, topic, kafka_partition, kafka_offset, record_key, "
            + "event_type, event_id, reason, state, parked_at, settled_at";

    /** A Kafka header as the table keeps it (the value is base64 in JSON). */
    record StoredHeader(String name, byte[] value) {
    }

    /** A parked record with the bytes it arrived with, ready to be handled again. */
    public record Parked(DeadLetter letter, ConsumerRecord<String, byte[]> record) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Parks a record; parking the same record again (after a crash) changes nothing. */
    public void park(String consumer, ConsumerRecord<String, byte[]> record, String eventType, String eventId,
                     String reason) {
        List<StoredHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new StoredHeader(header.key(), header.value()));
        }
        Sql.update(dataSource, "INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, record_key, "
                        + "event_type, event_id, reason, record_value, record_headers) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                consumer, record.topic(), record.partition(), record.offset(), record.key(), eventType, eventId,
                reason, record.value(), JsonColumn.write(headers));
    }

    /** @return which of the given keys of {@code topic} the consumer has parked */
    public Set<String> parkedKeys(String consumer, String topic, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Sql.query(dataSource, "SELECT DISTINCT record_key FROM dead_letter WHERE consumer = ? "
                        + "AND topic = ? AND state = 'PARKED' AND record_key = ANY(?)",
                rs -> rs.getString(1), consumer, topic, keys.toArray(String[]::new)));
    }

    public Optional<DeadLetter> find(long id) {
        return Sql.queryOne(dataSource, "SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", DeadLetters::letter,
                id);
    }

    /** One page in id (parking) order, optionally of one state and one consumer. */
    public List<DeadLetter> list(DeadLetter.State state, String consumer, long afterId, int limit) {
        return Sql.query(dataSource, "SELECT " + COLUMNS + " FROM dead_letter WHERE id > ? "
                        + "AND (CAST(? AS VARCHAR) IS NULL OR state = ?) AND (CAST(? AS VARCHAR) IS NULL OR consumer = ?) "
                        + "ORDER BY id LIMIT ?", DeadLetters::letter,
                afterId, name(state), name(state), consumer, consumer, limit);
    }

    /**
     * The records a redrive of {@code head} handles, in the order they were parked: every PARKED record of its
     * consumer, topic and key (only {@code head} itself when it has no key).
     */
    public List<Parked> parkedWith(DeadLetter head) {
        String where = head.key() == null ? "id = ? AND state = 'PARKED'"
                : "consumer = ? AND topic = ? AND record_key = ? AND state = 'PARKED'";
        Object[] args = head.key() == null ? new Object[]{head.id()}
                : new Object[]{head.consumer(), head.topic(), head.key()};
        return Sql.query(dataSource, "SELECT " + COLUMNS + ", record_value, record_headers FROM dead_letter WHERE "
                + where + " ORDER BY id", rs -> new Parked(letter(rs), record(rs)), args);
    }

    /** Settles a PARKED record; @return false if it was not parked (any more) */
    public boolean settle(long id, DeadLetter.State state) {
        return Sql.update(dataSource, "UPDATE dead_letter SET state = ?, settled_at = now() "
                + "WHERE id = ? AND state = 'PARKED'", state.name(), id) == 1;
    }

    public void updateReason(long id, String reason) {
        Sql.update(dataSource, "UPDATE dead_letter SET reason = ? WHERE id = ?", reason, id);
    }

    private static String name(DeadLetter.State state) {
        return state == null ? null : state.name();
    }

    private static DeadLetter letter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("consumer"), rs.getString("topic"),
                rs.getInt("kafka_partition"), rs.getLong("kafka_offset"), rs.getString("record_key"),
                rs.getString("event_type"), rs.getString("event_id"), rs.getString("reason"),
                DeadLetter.State.valueOf(rs.getString("state")), instant(rs, "parked_at"), instant(rs, "settled_at"));
    }

    private static ConsumerRecord<String, byte[]> record(ResultSet rs) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        for (StoredHeader h : JsonColumn.read(rs.getString("record_headers"), HEADERS)) {
            headers.add(new RecordHeader(h.name(), h.value()));
        }
        return new ConsumerRecord<>(rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
                ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, rs.getString("record_key"), rs.getBytes("record_value"), headers,
                Optional.empty());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
