package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.time.Duration;

/**
 * A host's virtual time: milliseconds since the host was created, advanced in one-second ticks. Nothing in the
 * engine reads the wall clock, so a simulated hour runs in milliseconds and the same commands give the same
 * events.
 */
final class VirtualClock implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long TICK_MS = 1_000;

    private long now;

    long now() {
        return now;
    }

    /** Runs {@code tick} once per whole second that fits in {@code duration}, with the clock already moved. */
    void advance(Duration duration, Runnable tick) {
        long until = now + duration.toMillis();
        while (now + TICK_MS <= until) {
            now += TICK_MS;
            tick.run();
        }
    }
}
