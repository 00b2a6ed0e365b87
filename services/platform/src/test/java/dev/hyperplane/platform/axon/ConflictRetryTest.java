package dev.hyperplane.platform.axon;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Only another replica's append is decided again; a refusal on the merits or any other failure is not. */
class ConflictRetryTest {

    @Test
    void a_concurrency_exception_anywhere_in_the_chain_is_a_conflict() {
        ConcurrencyException conflict = new ConcurrencyException("sequence 4 already inserted",
                new SQLException("duplicate key", "23505"));
        assertThat(ConflictRetry.isConflict(conflict)).isTrue();
        assertThat(ConflictRetry.isConflict(new CommandExecutionException("wrapped", conflict))).isTrue();
        assertThat(ConflictRetry.isConflict(new IllegalStateException("outer", new RuntimeException(conflict))))
                .isTrue();
    }

    @Test
    void other_failures_are_not() {
        assertThat(ConflictRetry.isConflict(new IllegalStateException("VM is stopping"))).isFalse();
        assertThat(ConflictRetry.isConflict(new EventStoreException("cannot reach the store",
                new SQLException("connection refused", "08001")))).isFalse();
        assertThat(ConflictRetry.isConflict(null)).isFalse();
    }
}
