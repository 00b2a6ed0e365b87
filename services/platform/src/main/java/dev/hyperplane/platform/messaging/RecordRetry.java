package dev.hyperplane.platform.messaging;

import java.time.Duration;

/**
 * The failed attempts at the record at the head of a paused partition, and when to try it again. The delay
 * doubles from 200 ms up to 30 s, so a database that is down for minutes costs a few attempts a minute.
 *
 * @param offset   the record's offset in its partition
 * @param attempts how many times handling it failed so far
 * @param retryAt  epoch millis after which the partition resumes
 */
record RecordRetry(long offset, int attempts, long retryAt) {
    static final Duration FIRST_DELAY = Duration.ofMillis(200);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** The retry after one more failure at {@code offset}; a failure at another offset starts counting again. */
    static RecordRetry after(RecordRetry previous, long offset, long nowMillis) {
        int attempts = previous != null && previous.offset == offset ? previous.attempts + 1 : 1;
        return new RecordRetry(offset, attempts, nowMillis + delay(attempts).toMillis());
    }

    static Duration delay(int attempts) {
        int doublings = Math.min(attempts - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
