package dev.hyperplane.integrations.domain;

import java.time.Duration;

/**
 * How deliveries behave, from configuration; durations meant in hours or days are shortened in tests.
 *
 * @param timeout          an attempt succeeds with a 2xx within this
 * @param schedule         when failed attempts are tried again
 * @param disableAfter     an endpoint that accepts nothing for this long is disabled
 * @param maxInFlight      deliveries of one subscription in flight at once
 * @param claimLease       how long a claimed attempt is its replica's; past it another replica sends again
 * @param rotationOverlap  how long the previous secret still signs after a rotation
 * @param history          how far back replay and the feed reach
 */
public record DeliverySettings(Duration timeout, RetrySchedule schedule, Duration disableAfter, int maxInFlight,
                               Duration claimLease, Duration rotationOverlap, Duration history) {
}
