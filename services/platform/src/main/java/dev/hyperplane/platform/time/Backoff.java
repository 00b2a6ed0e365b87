package dev.hyperplane.platform.time;

import java.time.Duration;

/**
 * How long to wait before trying again after a failure: 200 ms, doubling up to 30 s. A database or broker that is
 * down for minutes costs a few attempts a minute, and one that is back is used again within 30 s. Kafka records
 * and Axon deadlines both retry on it.
 */
public final class Backoff {
    public static final Duration FIRST_DELAY = Duration.ofMillis(200);
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private Backoff() {
    }

    /** The wait after {@code failures} consecutive failures (1 or more). */
    public static Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
