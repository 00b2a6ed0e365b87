package dev.hyperplane.agent.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One side of a live migration between hosts of two agents, as its agent keeps it (see {@link RemoteHandOff}).
 * The source's agent coordinates and decides once; the destination's agent holds what it is asked to hold and
 * follows the decision. The rules of each side are here, free of storage and messaging, so they are tested alone.
 *
 * @param passes         source: the engine's migrate command (JSON), run once the destination holds the memory
 * @param vmState        destination: the VM's state held at the hand-off (JSON)
 * @param request        source: the message to the destination ({@code requestType}, JSON), sent again every
 *                       resend interval while it waits for an answer, and once decided until it is on the topic
 * @param requestPending source: a decision not yet on the topic
 * @param frozenAt       source: when the VM froze at the blackout and its state went out (the wait is downtime)
 */
public record RemoteMigration(String migrationId, Role role, String vmId, String sourceHostId,
                              String destinationHostId, Phase phase, String passes, String vmState, String reason,
                              String requestType, String request, boolean requestPending, Instant sentAt,
                              Instant deadlineAt, Instant frozenAt) {

    public enum Role { SOURCE, DESTINATION }

    /**
     * Source: {@code PREPARING} (asked the destination to hold memory), {@code MIGRATING} (passes run here),
     * {@code HANDING_OFF} (frozen at the blackout, its state sent), then {@code COMMITTED} or {@code ABORTED}.
     * Destination: {@code RESERVED}, {@code ACCEPTED} (state held, not running), then {@code STARTED}; or
     * {@code REFUSED} and {@code RELEASED}.
     */
    public enum Phase {
        PREPARING, MIGRATING, HANDING_OFF, COMMITTED, ABORTED,
        RESERVED, ACCEPTED, STARTED, REFUSED, RELEASED;

        public String column() {
            return name().toLowerCase().replace('_', '-');
        }

        public static Phase ofColumn(String value) {
            return valueOf(value.toUpperCase().replace('-', '_'));
        }

        /** The source waits for the destination's answer. */
        public boolean waitsForPeer() {
            return this == PREPARING || this == HANDING_OFF;
        }

        public boolean decided() {
            return this == COMMITTED || this == ABORTED;
        }
    }

    /** What the source's loop does with this row now. */
    public enum Due { NOTHING, RESEND, GIVE_UP, SEND_DECISION }

    /** Source: past its deadline it gives up; else its request goes again when the last send is old enough. */
    public Due due(Instant now, Duration resendEvery) {
        if (phase.decided()) {
            return requestPending ? Due.SEND_DECISION : Due.NOTHING;
        }
        if (!phase.waitsForPeer()) {
            return Due.NOTHING; // the passes run; the engine ends them
        }
        if (deadlineAt != null && !now.isBefore(deadlineAt)) {
            return Due.GIVE_UP;
        }
        return sentAt == null || !now.isBefore(sentAt.plus(resendEvery)) ? Due.RESEND : Due.NOTHING;
    }

    /**
     * Destination: the answer to a request asked again (a resend, or a redelivery) is what the row says, so asking
     * twice never holds twice.
     *
     * @return null when it holds what was asked, else why it is refused
     */
    public String refusalOnRepeat() {
        return switch (phase) {
            case RESERVED, ACCEPTED, STARTED -> null;
            case REFUSED, RELEASED -> reason != null ? reason : "the migration was aborted";
            default -> throw new IllegalStateException("not a destination phase: " + phase);
        };
    }
}
