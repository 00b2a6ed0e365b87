package dev.hyperplane.backup.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prune rules, with Proxmox Backup Server's semantics: periods without points do not count, each option reaches
 * past what the ones before it kept, ISO weeks, the policy's time zone, protected points.
 */
class RetentionTest {

    /**
     * @param options last,hourly,daily,weekly,monthly,yearly
     * @param points  space-separated {@code id=instant}; a trailing {@code !} marks a protected point
     * @param kept    the ids kept, newest first
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the newest three                               | 3,0,0,0,0,0 | UTC              | a=2026-12-01T02:00:00Z b=2026-12-02T02:00:00Z c=2026-12-03T02:00:00Z d=2026-12-04T02:00:00Z e=2026-12-05T02:00:00Z | e d c
            the newest of each day, three days             | 0,0,3,0,0,0 | UTC              | a=2026-12-01T02:00:00Z b=2026-12-01T14:00:00Z c=2026-12-02T02:00:00Z d=2026-12-02T14:00:00Z e=2026-12-03T02:00:00Z f=2026-12-03T14:00:00Z g=2026-12-04T14:00:00Z | g f d
            days without a point do not count              | 0,0,3,0,0,0 | UTC              | a=2026-12-01T02:00:00Z b=2026-12-02T02:00:00Z c=2026-12-05T02:00:00Z d=2026-12-09T02:00:00Z | d c b
            daily reaches past the day keepLast kept       | 1,0,2,0,0,0 | UTC              | a=2026-12-03T02:00:00Z b=2026-12-03T14:00:00Z c=2026-12-04T02:00:00Z d=2026-12-04T14:00:00Z e=2026-12-05T02:00:00Z f=2026-12-05T14:00:00Z | f d b
            ISO week 53 spans the new year                 | 0,0,0,2,0,0 | UTC              | a=2020-12-27T12:00:00Z b=2020-12-28T12:00:00Z c=2020-12-31T12:00:00Z d=2021-01-03T12:00:00Z e=2021-01-04T12:00:00Z | e d
            31 December can lie in week 1 of the next year | 0,0,0,1,0,0 | UTC              | a=2024-12-29T12:00:00Z b=2024-12-31T12:00:00Z c=2025-01-02T12:00:00Z | c
            days are the policy's: one day in UTC          | 0,0,2,0,0,0 | UTC              | a=2026-03-10T03:30:00Z b=2026-03-10T05:30:00Z | b
            days are the policy's: two days in New York    | 0,0,2,0,0,0 | America/New_York | a=2026-03-10T03:30:00Z b=2026-03-10T05:30:00Z | b a
            the hour that repeats when clocks go back      | 0,2,0,0,0,0 | Europe/Berlin    | a=2026-10-24T23:30:00Z b=2026-10-25T00:30:00Z c=2026-10-25T01:30:00Z | c a
            a week's older point stays removed for months  | 0,0,0,1,2,0 | UTC              | a=2026-01-20T12:00:00Z b=2026-01-30T12:00:00Z c=2026-02-01T12:00:00Z | c a
            months and years, newest of each               | 0,0,0,0,2,1 | UTC              | a=2025-06-10T12:00:00Z b=2025-11-10T12:00:00Z c=2026-01-05T12:00:00Z d=2026-01-25T12:00:00Z e=2026-02-14T12:00:00Z | e d b
            a protected point is kept and counts for none  | 1,0,0,0,0,0 | UTC              | a=2026-12-01T02:00:00Z b=2026-12-02T02:00:00Z c=2026-12-03T02:00:00Z! | c b
            an old protected point is never pruned         | 1,0,0,0,0,0 | UTC              | a=2026-01-01T02:00:00Z! b=2026-12-02T02:00:00Z c=2026-12-03T02:00:00Z | c a
            no option set keeps everything                 | 0,0,0,0,0,0 | UTC              | a=2026-12-01T02:00:00Z b=2026-12-02T02:00:00Z | b a
            nothing to prune                               | 3,0,7,0,0,0 | UTC              | '' | ''
            """)
    void keeps_what_proxmox_would(String name, String options, String zone, String points, String kept) {
        int[] keep = Arrays.stream(options.split(",")).mapToInt(Integer::parseInt).toArray();
        Retention retention = new Retention(keep[0], keep[1], keep[2], keep[3], keep[4], keep[5], ZoneId.of(zone));
        List<Retention.Point> all = new ArrayList<>();
        for (String point : points.isBlank() ? new String[0] : points.trim().split(" +")) {
            boolean isProtected = point.endsWith("!");
            String[] idAt = point.replace("!", "").split("=");
            all.add(new Retention.Point(idAt[0], Instant.parse(idAt[1]), isProtected));
        }
        Retention.Decision decision = retention.apply(all);
        List<String> expected = kept.isBlank() ? List.of() : List.of(kept.trim().split(" +"));
        assertThat(decision.kept().keySet()).as("kept, newest first").containsExactlyElementsOf(expected);
        assertThat(decision.pruned()).as("everything else is pruned")
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Retention.Point::id)
                        .filter(id -> !expected.contains(id)).toList());
    }

    @Test
    void the_proxmox_guides_example_keep_last_3_daily_13_yearly_9_over_three_years_of_nightly_backups() {
        List<Retention.Point> nightly = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2024, 1, 1); !day.isAfter(LocalDate.of(2026, 12, 2)); day = day.plusDays(1)) {
            nightly.add(new Retention.Point(day.toString(), day.atTime(21, 0).toInstant(ZoneOffset.UTC), false));
        }
        Retention.Decision decision = new Retention(3, 0, 13, 0, 0, 9, ZoneOffset.UTC).apply(nightly);
        assertThat(decision.kept()).hasSize(3 + 13 + 2);
        assertThat(decision.kept()).containsEntry("2026-12-02", Retention.Reason.LAST)
                .containsEntry("2026-11-30", Retention.Reason.LAST)
                .containsEntry("2026-11-29", Retention.Reason.DAILY)
                .containsEntry("2026-11-17", Retention.Reason.DAILY)
                .containsEntry("2025-12-31", Retention.Reason.YEARLY)
                .containsEntry("2024-12-31", Retention.Reason.YEARLY)
                .doesNotContainKey("2026-11-16");
        assertThat(decision.pruned()).hasSize(nightly.size() - 18);
    }

    @Test
    void a_negative_option_is_refused() {
        assertThatThrownBy(() -> new Retention(-1, 0, 0, 0, 0, 0, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
