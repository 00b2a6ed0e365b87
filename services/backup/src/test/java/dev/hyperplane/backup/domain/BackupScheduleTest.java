package dev.hyperplane.backup.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A policy's schedule: cron in the policy's zone, across daylight saving, and missed runs collapsed into one. */
class BackupScheduleTest {

    @ParameterizedTest(name = "{0} in {1} after {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 * * *   | UTC           | 2026-12-03T01:00:00Z | 2026-12-03T02:00:00Z
            0 2 * * *   | UTC           | 2026-12-03T02:00:00Z | 2026-12-04T02:00:00Z
            0 2 * * *   | Europe/Berlin | 2026-12-03T00:00:00Z | 2026-12-03T01:00:00Z
            0 2 * * *   | Europe/Berlin | 2026-07-03T00:00:00Z | 2026-07-04T00:00:00Z
            30 1 * * 1  | UTC           | 2026-12-03T00:00:00Z | 2026-12-07T01:30:00Z
            */15 * * * *| UTC           | 2026-12-03T10:01:00Z | 2026-12-03T10:15:00Z
            0 3 * * *   | Europe/Berlin | 2026-10-24T12:00:00Z | 2026-10-25T02:00:00Z
            """)
    void the_next_time_is_local_to_the_policys_zone(String cron, String zone, Instant after, Instant next) {
        assertThat(BackupSchedule.of(cron.trim(), zone).next(after)).contains(next);
    }

    @ParameterizedTest(name = "last run {0}, now {1}: due {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            2026-12-02T02:00:00Z | 2026-12-03T01:59:00Z | none
            2026-12-02T02:00:00Z | 2026-12-03T02:00:00Z | 2026-12-03T02:00:00Z
            2026-12-02T02:00:00Z | 2026-12-03T09:00:00Z | 2026-12-03T02:00:00Z
            2026-12-03T02:00:00Z | 2026-12-03T09:00:00Z | none
            2026-11-28T02:00:00Z | 2026-12-03T09:00:00Z | 2026-12-03T02:00:00Z
            none                 | 2026-12-03T09:00:00Z | 2026-12-03T02:00:00Z
            """)
    void missed_runs_collapse_into_the_latest_one(Instant lastRun, Instant now, Instant due) {
        BackupSchedule nightly = BackupSchedule.of("0 2 * * *", "UTC");
        Instant since = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(nightly.due(lastRun, since, now).orElse(null)).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 * *        | UTC         | schedule
            61 2 * * *     | UTC         | schedule
            every night    | UTC         | schedule
            0 2 * * *      | Mars/Olympus| timeZone
            """)
    void a_bad_expression_or_zone_is_refused_naming_the_field(String cron, String zone, String field) {
        assertThatThrownBy(() -> BackupSchedule.of(cron.trim(), zone.trim()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + ":");
    }
}
