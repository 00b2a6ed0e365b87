package dev.hyperplane.inventory.messaging;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.RetentionPruner;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox and settled dead letters are pruned by age on the real database; what may still matter stays. */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory_test"))
class RetentionPrunerTest {
    @Inject
    RetentionPruner pruner;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void rows_beyond_the_retention_go_and_the_rest_stay() {
        Instant now = Instant.now();
        String run = "prune-" + UUID.randomUUID();
        inbox(run, "15-days", now.minus(Duration.ofDays(15)));
        inbox(run, "13-days", now.minus(Duration.ofDays(13)));
        deadLetter(run, 1, "REDRIVEN", now.minus(Duration.ofDays(61)));
        deadLetter(run, 2, "DISCARDED", now.minus(Duration.ofDays(59)));
        deadLetter(run, 3, "PARKED", null); // parked 100 days ago, still waiting for an operator

        var deleted = pruner.prune(now);

        assertThat(deleted.get("inbox")).isPositive();
        assertThat(Sql.query(dataSource, "SELECT event_id FROM inbox WHERE consumer = ?", rs -> rs.getString(1), run))
                .containsExactly("13-days");
        assertThat(Sql.query(dataSource, "SELECT kafka_offset FROM dead_letter WHERE consumer = ? ORDER BY kafka_offset",
                rs -> rs.getLong(1), run)).containsExactly(2L, 3L);
    }

    @Test
    void pruning_deletes_in_batches_until_nothing_is_left_beyond_the_retention() {
        Instant now = Instant.now();
        String run = "prune-many-" + UUID.randomUUID();
        Sql.update(dataSource, "INSERT INTO inbox (consumer, event_id, received_at) "
                + "SELECT ?, 'e-' || n, ? FROM generate_series(1, 12000) n", run,
                Timestamp.from(now.minus(Duration.ofDays(30))));

        assertThat(pruner.prune(now).get("inbox")).isGreaterThanOrEqualTo(12_000);
        assertThat(Sql.query(dataSource, "SELECT count(*) FROM inbox WHERE consumer = ?", rs -> rs.getLong(1), run))
                .containsExactly(0L);
    }

    private void inbox(String consumer, String eventId, Instant receivedAt) {
        Sql.update(dataSource, "INSERT INTO inbox (consumer, event_id, received_at) VALUES (?, ?, ?)", consumer,
                eventId, Timestamp.from(receivedAt));
    }

    private void deadLetter(String consumer, long offset, String state, Instant settledAt) {
        Sql.update(dataSource, "INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, reason, state, "
                        + "record_headers, parked_at, settled_at) VALUES (?, 'hyperplane.vm.events', 0, ?, 'test', ?, "
                        + "'[]'::jsonb, ?, ?)", consumer, offset, state,
                Timestamp.from(Instant.now().minus(Duration.ofDays(100))),
                settledAt == null ? null : Timestamp.from(settledAt));
    }
}
