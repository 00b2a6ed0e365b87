package dev.hyperplane.integrations.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a subscription's pending deliveries go out now, so that each subject (a VM, a host) sees its events in
 * order: only the oldest pending delivery of a subject may be attempted, once it is due; the subject's later events
 * wait until it is delivered or given up. Subjects do not wait for each other, and at most {@code max} deliveries of
 * one subscription are in flight, so a slow endpoint holds back only its own deliveries.
 */
public final class SubjectOrder {

    /**
     * A delivery not yet delivered or given up.
     *
     * @param position      the event's place in the subscription's stream (its order of arrival)
     * @param nextAttemptAt when it may be attempted
     * @param inFlight      an attempt is running now
     */
    public record Pending(String deliveryId, String subject, long position, Instant nextAttemptAt,
                          boolean inFlight) {
    }

    /** @return the deliveries to attempt now, oldest first */
    public static List<Pending> due(List<Pending> pending, Instant now, int max) {
        Map<String, Pending> headOfSubject = new LinkedHashMap<>();
        pending.stream().sorted(Comparator.comparingLong(Pending::position))
                .forEach(p -> headOfSubject.putIfAbsent(p.subject(), p));
        long inFlight = pending.stream().filter(Pending::inFlight).count();
        return headOfSubject.values().stream()
                .filter(p -> !p.inFlight() && !p.nextAttemptAt().isAfter(now))
                .limit(Math.max(0, max - inFlight))
                .toList();
    }

    private SubjectOrder() {
    }
}
