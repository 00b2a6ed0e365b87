package dev.hyperplane.integrations.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again, after the schedule of Standard Webhooks' example: at once, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h after the attempt before, about 28 hours in all. Each wait is jittered by up to a
 * fifth either way, so that endpoints that failed together are not all retried in the same second. A test shortens
 * the whole schedule with {@link #scaled}.
 */
public final class RetrySchedule {
    private static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));
    private static final double JITTER = 0.2;

    private final List<Duration> waits;

    private RetrySchedule(List<Duration> waits) {
        this.waits = waits;
    }

    public static RetrySchedule standard() {
        return new RetrySchedule(STANDARD);
    }

    /** The same schedule with every wait multiplied by {@code factor} (a day in tests is seconds). */
    public RetrySchedule scaled(double factor) {
        if (factor <= 0) {
            throw new IllegalArgumentException("a positive factor, not " + factor);
        }
        return new RetrySchedule(waits.stream().map(w -> Duration.ofNanos(Math.round(w.toNanos() * factor)))
                .toList());
    }

    /** How many attempts a delivery gets before it is given up. */
    public int attempts() {
        return waits.size();
    }

    /**
     * The wait before attempt {@code attempt} (1 is the first, sent at once); empty when the schedule has no such
     * attempt and the delivery is given up.
     */
    public Optional<Duration> waitBefore(int attempt, RandomGenerator random) {
        if (attempt < 1 || attempt > waits.size()) {
            return Optional.empty();
        }
        Duration wait = waits.get(attempt - 1);
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Optional.of(Duration.ofNanos(Math.round(wait.toNanos() * factor)));
    }

    /** The longest a delivery can stay in retries: every wait at its jittered most. */
    public Duration longest() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus).multipliedBy(12).dividedBy(10);
    }
}
