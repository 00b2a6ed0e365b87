package dev.hyperplane.integrations.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {
    /** A generator fixed at one value: 0 is the most negative jitter, 0.5 none, 1 the most positive. */
    private static RandomGenerator at(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @ParameterizedTest(name = "attempt {0}: {1} s")
    @CsvSource({"1, 0", "2, 5", "3, 300", "4, 1800", "5, 7200", "6, 18000", "7, 36000", "8, 36000"})
    void standard_webhooks_schedule_without_jitter(int attempt, long seconds) {
        assertThat(RetrySchedule.standard().waitBefore(attempt, at(0.5))).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "attempt {0}")
    @CsvSource({"0", "9", "100"})
    void past_the_schedule_a_delivery_is_given_up(int attempt) {
        assertThat(RetrySchedule.standard().waitBefore(attempt, at(0.5))).isEmpty();
    }

    @Test
    void jitter_stays_within_a_fifth_either_way_and_varies() {
        RetrySchedule schedule = RetrySchedule.standard();
        assertThat(schedule.waitBefore(4, at(0.0))).contains(Duration.ofMinutes(24));
        assertThat(schedule.waitBefore(4, at(1.0))).contains(Duration.ofMinutes(36));
        SplittableRandom random = new SplittableRandom(7);
        var seen = new java.util.HashSet<Optional<Duration>>();
        for (int i = 0; i < 20; i++) {
            Optional<Duration> wait = schedule.waitBefore(3, random);
            assertThat(wait.orElseThrow()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
            seen.add(wait);
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void about_a_day_in_all_and_scaled_for_tests() {
        RetrySchedule schedule = RetrySchedule.standard();
        assertThat(schedule.attempts()).isEqualTo(8);
        assertThat(schedule.longest()).isBetween(Duration.ofHours(33), Duration.ofHours(34));
        RetrySchedule fast = schedule.scaled(1.0 / 3600);
        assertThat(fast.waitBefore(7, at(0.5))).contains(Duration.ofSeconds(10));
        assertThat(fast.attempts()).isEqualTo(8);
    }
}
