package dev.hyperplane.agent.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteMigrationTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /** The source's loop: sent seconds ago, deadline in seconds from now (empty: none). */
    @ParameterizedTest(name = "{0}, sent {1} s ago, deadline in {2} s, pending {3} -> {4}")
    @CsvSource({
            "PREPARING,   0, 30, false, NOTHING",
            "PREPARING,   4, 30, false, NOTHING",
            "PREPARING,   5, 30, false, RESEND",
            "PREPARING,  29,  0, false, GIVE_UP",
            "PREPARING,  29, -1, false, GIVE_UP",
            "HANDING_OFF, 1, 14, false, NOTHING",
            "HANDING_OFF, 6,  9, false, RESEND",
            "HANDING_OFF, 6, -1, false, GIVE_UP",
            "MIGRATING,  60,   , false, NOTHING",
            "COMMITTED,    ,   , true,  SEND_DECISION",
            "COMMITTED,   1,   , false, NOTHING",
            "ABORTED,      ,   , true,  SEND_DECISION",
            "ABORTED,     9,   , false, NOTHING"})
    void what_the_source_does_now(RemoteMigration.Phase phase, Integer sentAgo, Integer deadlineIn, boolean pending,
                                  RemoteMigration.Due expected) {
        RemoteMigration m = new RemoteMigration("m", RemoteMigration.Role.SOURCE, "vm", "a-1", "b-1", phase, null,
                null, null, null, null, pending, sentAgo == null ? null : NOW.minusSeconds(sentAgo),
                deadlineIn == null ? null : NOW.plusSeconds(deadlineIn), null);
        assertThat(m.due(NOW, Duration.ofSeconds(5))).isEqualTo(expected);
    }

    /** The destination answers a repeated question from its row: asking twice never holds twice. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "RESERVED, null",
            "ACCEPTED, null",
            "STARTED,  null",
            "REFUSED,  host b-1 has 10 MB free",
            "RELEASED, host b-1 has 10 MB free"})
    void what_the_destination_answers_again(RemoteMigration.Phase phase, String refusal) {
        RemoteMigration m = new RemoteMigration("m", RemoteMigration.Role.DESTINATION, "vm", "a-1", "b-1", phase,
                null, null, "host b-1 has 10 MB free", null, null, false, null, null, null);
        assertThat(m.refusalOnRepeat()).isEqualTo(refusal);
    }

    @ParameterizedTest
    @CsvSource({"PREPARING, preparing", "HANDING_OFF, handing-off", "STARTED, started"})
    void phases_are_stored_by_name(RemoteMigration.Phase phase, String column) {
        assertThat(phase.column()).isEqualTo(column);
        assertThat(RemoteMigration.Phase.ofColumn(column)).isEqualTo(phase);
    }
}
