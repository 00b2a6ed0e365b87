package dev.hyperplane.migration.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a failure quarantines a host: the failures before it within the window, this one included. */
class HostQuarantineTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest(name = "{0} after {1} failures {2} min ago: {3} recent, quarantines {4}")
    @CsvSource(delimiter = '|', textBlock = """
            3 | 0 | ''        | 0 | false
            3 | 1 | 10        | 1 | false
            3 | 2 | 50 20     | 2 | true
            3 | 2 | 61 20     | 1 | false
            3 | 2 | 60 20     | 1 | false
            3 | 2 | 59 1      | 2 | true
            3 | 5 | 90 80 70 65 5 | 1 | false
            2 | 1 | 30        | 1 | true
            1 | 0 | ''        | 0 | true
            0 | 2 | 10 5      | 2 | false
            """)
    void quarantines_on_the_failure_that_makes_too_many_within_the_window(int after, int count, String minutesAgo,
                                                                          int recent, boolean quarantines) {
        List<Instant> earlier = minutesAgo.isBlank() ? List.of() : Arrays.stream(minutesAgo.trim().split(" +"))
                .map(m -> NOW.minus(Duration.ofMinutes(Long.parseLong(m)))).toList();
        assertThat(earlier).hasSize(count);
        HostQuarantine quarantine = new HostQuarantine(after, Duration.ofHours(1), Duration.ofHours(2));
        assertThat(quarantine.recent(earlier, NOW)).hasSize(recent);
        assertThat(quarantine.quarantines(earlier, NOW)).isEqualTo(quarantines);
    }
}
