package dev.hyperplane.inventory.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a host is alive, judged from when its agent last reported it: silent for longer than the limit makes
 * it Unreachable, a fresh report Ready again. Until the checker has watched for the limit, a host without a
 * fresh report is given the benefit of the doubt (after a restart the reports are still on their way).
 */
public final class HostLiveness {

    /** What to tell the {@code Host} aggregate: reachable or not; empty when the recorded health is right. */
    public static Optional<Boolean> verdict(String health, Instant lastReport, Instant watchingSince, Instant now,
                                            Duration silentLimit) {
        boolean unreachable = "Unreachable".equals(health);
        boolean fresh = lastReport != null && Duration.between(lastReport, now).compareTo(silentLimit) <= 0;
        boolean graced = Duration.between(watchingSince, now).compareTo(silentLimit) <= 0;
        if (fresh && unreachable) {
            return Optional.of(true);
        }
        if (!fresh && !graced && !unreachable) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private HostLiveness() {
    }
}
