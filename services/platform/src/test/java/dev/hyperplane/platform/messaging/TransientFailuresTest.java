package dev.hyperplane.platform.messaging;

import org.axonframework.modelling.command.ConcurrencyException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("PostgreSQL connection lost (08006)", sql("08006"), true),
                Arguments.of("cannot connect now, starting up (57P03)", sql("57P03"), true),
                Arguments.of("terminated by an administrator (57P01)", sql("57P01"), true),
                Arguments.of("serialization failure (40001)", sql("40001"), true),
                Arguments.of("deadlock detected (40P01)", sql("40P01"), true),
                Arguments.of("too many connections (53300)", sql("53300"), true),
                Arguments.of("lock not available (55P03)", sql("55P03"), true),
                Arguments.of("optimistic locking: another replica changed the row first",
                        new java.util.concurrent.CompletionException(
                                new jakarta.persistence.OptimisticLockException("row was updated")), true),
                Arguments.of("wrapped by Sql helper", new IllegalStateException("SQL failed", sql("08001")), true),
                Arguments.of("pool acquisition timeout", new SQLException("Acquisition timeout while waiting for new connection"), true),
                Arguments.of("JDBC transient subclass", new SQLTransientConnectionException("gone"), true),
                Arguments.of("Kafka retriable", new NotLeaderOrFollowerException("moved"), true),
                Arguments.of("Kafka send timed out, wrapped", new CompletionException(
                        new org.apache.kafka.common.errors.TimeoutException("expired")), true),
                Arguments.of("Axon aggregate version conflict", new ConcurrencyException("changed meanwhile"), true),
                Arguments.of("connection refused", new RuntimeException(new ConnectException("refused")), true),
                Arguments.of("reactive client: lock timeout (55P03)", new CompletionException(
                        new io.vertx.pgclient.PgException("canceling statement due to lock timeout", "ERROR", "55P03", null)), true),
                Arguments.of("reactive client: connection closed", io.vertx.sqlclient.ClosedConnectionException.INSTANCE, true),
                Arguments.of("reactive client: not-null violation (23502)",
                        new io.vertx.pgclient.PgException("null value", "ERROR", "23502", null), false),
                Arguments.of("unique violation (23505)", sql("23505"), false),
                Arguments.of("undefined table (42P01)", sql("42P01"), false),
                Arguments.of("invalid text representation (22P02)", sql("22P02"), false),
                Arguments.of("SQLException without state", new SQLException("something else"), false),
                Arguments.of("Kafka record too large", new RecordTooLargeException("big"), false),
                Arguments.of("a bug in a handler", new NullPointerException("vmId"), false),
                Arguments.of("an unknown host version", new IllegalArgumentException("unknown host version 2031"), false));
    }

    @ParameterizedTest(name = "{0} -> transient {2}")
    @MethodSource("failures")
    void tells_failures_that_pass_by_themselves_from_those_that_repeat(String name, Throwable failure, boolean expected) {
        assertThat(TransientFailures.isTransient(failure)).isEqualTo(expected);
    }

    private static SQLException sql(String state) {
        return new SQLException("state " + state, state);
    }
}
