package dev.hyperplane.integrations.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptOutcomeTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    @ParameterizedTest(name = "status {0}, attempt {1}, failing {2} h: {3}")
    @CsvSource(nullValues = "-", value = {
            // status, attempt, failing for hours, kind, next attempt after seconds, reason
            "200, 1, -, DELIVERED, -, -",
            "204, 5, 20, DELIVERED, -, -",
            "299, 1, -, DELIVERED, -, -",
            "500, 1, -, RETRY, 5, the endpoint answered 500",
            "503, 2, 0, RETRY, 300, the endpoint answered 503",
            "429, 3, 1, RETRY, 1800, the endpoint answered 429",
            "301, 1, -, RETRY, 5, the endpoint answered 301",
            "-, 1, -, RETRY, 5, no answer within 10 s",
            "500, 7, 20, RETRY, 36000, the endpoint answered 500",
            "500, 8, 30, GIVEN_UP, -, the endpoint answered 500; given up after 8 attempts",
            "410, 1, -, UNSUBSCRIBED, -, the endpoint answered 410 Gone: it asked to receive nothing more",
            "500, 3, 120, ENDPOINT_DISABLED, -, the endpoint has accepted no delivery since 2026-11-28T10:00:00Z (the endpoint answered 500); deliveries stopped until it is enabled again"})
    void each_answer_decides_what_happens_to_the_delivery(Integer status, int attempt, Integer failingHours,
                                                          AttemptOutcome.Kind kind, Long nextAfterSeconds,
                                                          String reason) {
        Instant failingSince = failingHours == null ? null : NOW.minus(Duration.ofHours(failingHours));
        AttemptOutcome outcome = AttemptOutcome.of(status, "no answer within 10 s", attempt, NOW, failingSince,
                Duration.ofDays(5), RetrySchedule.standard(), NO_JITTER);
        assertThat(outcome.kind()).isEqualTo(kind);
        assertThat(outcome.nextAttemptAt()).isEqualTo(nextAfterSeconds == null ? null
                : NOW.plusSeconds(nextAfterSeconds));
        assertThat(outcome.reason()).isEqualTo(reason);
    }
}
