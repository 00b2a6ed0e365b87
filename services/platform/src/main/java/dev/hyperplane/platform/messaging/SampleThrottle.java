package dev.hyperplane.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For per-second telemetry of which a read model keeps only the latest: lets one sample per key through per
 * interval, measured on the samples' own times, so a replay after a restart thins out the same way.
 */
public final class SampleThrottle {
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    /** Whether a sample of {@code key} taken {@code at} is due: the key's last written one is older than the interval. */
    public boolean due(String key, Instant at, Duration interval) {
        Instant last = written.get(key);
        return last == null || Duration.between(last, at).compareTo(interval) >= 0;
    }

    /** Forgets every key, e.g. when their partitions moved to another replica, which writes them meanwhile. */
    public void forgetAll() {
        written.clear();
    }

    /** Records that the sample was written (call after the write succeeded, so a failed one is tried again). */
    public void written(String key, Instant at) {
        written.put(key, at);
    }
}
