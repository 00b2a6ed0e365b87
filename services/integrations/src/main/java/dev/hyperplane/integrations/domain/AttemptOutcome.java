package dev.hyperplane.integrations.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What one delivery attempt decides. A 2xx answer within the timeout delivers; 410 Gone unsubscribes (the endpoint
 * says it wants nothing more); anything else (another status, a timeout, a refused connection, a refused address) is
 * retried on the schedule, and given up after its last attempt. An endpoint that has not accepted a delivery for
 * {@code disableAfter} is disabled, with a reason an operator can mail to its owner.
 *
 * @param kind          what happens to the delivery
 * @param nextAttemptAt when it is tried again (kind RETRY)
 * @param reason        why it was not delivered, in words for the delivery log and an email
 */
public record AttemptOutcome(Kind kind, Instant nextAttemptAt, String reason) {

    public enum Kind {
        DELIVERED,
        RETRY,
        /** The schedule is used up: the delivery is given up (it stays in the log, and replay can send it again). */
        GIVEN_UP,
        /** 410 Gone: the subscription is disabled at the endpoint's word. */
        UNSUBSCRIBED,
        /** The endpoint has failed for longer than allowed: the subscription is disabled. */
        ENDPOINT_DISABLED
    }

    /**
     * @param status        the HTTP status, or null when no answer came (timeout, connection refused, address refused)
     * @param failure       what went wrong when no status came
     * @param attempt       the attempt just made, 1 for the first
     * @param failingSince  when the endpoint last stopped accepting deliveries; null if it accepted the last one
     * @param disableAfter  how long an endpoint may fail before it is disabled (days in production)
     */
    public static AttemptOutcome of(Integer status, String failure, int attempt, Instant now, Instant failingSince,
                                    Duration disableAfter, RetrySchedule schedule, RandomGenerator random) {
        if (status != null && status >= 200 && status < 300) {
            return new AttemptOutcome(Kind.DELIVERED, null, null);
        }
        String reason = status == null ? failure : "the endpoint answered " + status;
        if (status != null && status == 410) {
            return new AttemptOutcome(Kind.UNSUBSCRIBED, null, "the endpoint answered 410 Gone: it asked to receive "
                    + "nothing more");
        }
        Instant since = failingSince == null ? now : failingSince;
        if (!now.isBefore(since.plus(disableAfter))) {
            return new AttemptOutcome(Kind.ENDPOINT_DISABLED, null, "the endpoint has accepted no delivery since "
                    + since + " (" + reason + "); deliveries stopped until it is enabled again");
        }
        Optional<Duration> wait = schedule.waitBefore(attempt + 1, random);
        return wait.map(w -> new AttemptOutcome(Kind.RETRY, now.plus(w), reason))
                .orElseGet(() -> new AttemptOutcome(Kind.GIVEN_UP, null, reason + "; given up after " + attempt
                        + " attempts"));
    }
}
