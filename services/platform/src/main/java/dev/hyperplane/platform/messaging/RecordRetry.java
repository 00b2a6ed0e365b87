package dev.hyperplane.platform.messaging;

import dev.hyperplane.platform.time.Backoff;

/**
 * The failed attempts at the record at the head of a paused partition, and when to try it again ({@link Backoff}).
 *
 * @param offset   the record's offset in its partition
 * @param attempts how many times handling it failed so far
 * @param retryAt  epoch millis after which the partition resumes
 */
record RecordRetry(long offset, int attempts, long retryAt) {
    /** The retry after one more failure at {@code offset}; a failure at another offset starts counting again. */
    static RecordRetry after(RecordRetry previous, long offset, long nowMillis) {
        int attempts = previous != null && previous.offset == offset ? previous.attempts + 1 : 1;
        return new RecordRetry(offset, attempts, nowMillis + Backoff.delay(attempts).toMillis());
    }
}
