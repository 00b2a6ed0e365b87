package dev.hyperplane.platform.liveness;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a host is alive, judged from when its agent last reported it and from that agent's heartbeats (agent
 * liveness is not host liveness). Inventory's host health and the migration service's HA detector both judge with
 * it, so they agree on the same facts.
 * <ul>
 *   <li>A fresh report makes the host Ready.</li>
 *   <li>A host whose agent is silent too is Unknown: an agent restart leaves its hosts running.</li>
 *   <li>A host silent for longer than its limit <em>while its agent kept beating all along, and beats now</em> has
 *   failed (power loss, a partition) and is Unreachable: an agent that has missed beats is not known alive, so its
 *   hosts are not judged failed (an agent killed with them must never get them fenced) until it beats again. The silence is counted from the host's last report or from when the
 *   agent's heartbeats resumed after a gap ({@link AgentHeartbeats}), whichever is later: an agent back from a restart or a stall gets the
 *   limit to report its hosts before any of them is judged failed. An agent that never sent a heartbeat (one older
 *   than heartbeats) is taken as alive.</li>
 *   <li>Until the checker has watched for the limit, a host without a fresh report is given the benefit of the
 *   doubt (after a restart the reports are still on their way).</li>
 * </ul>
 */
public final class HostLiveness {
    public static final String READY = "Ready";
    public static final String UNREACHABLE = "Unreachable";
    public static final String UNKNOWN = "Unknown";

    /** The health to record, with why; empty when the recorded health is right. */
    public record Verdict(String health, String reason) {
    }

    /**
     * What is known of one host and its agent.
     *
     * @param lastReport      the host's last report (null: never)
     * @param agentAlive      its agent's last heartbeat (null: never)
     * @param agentAliveSince since when that agent has beaten without a gap (null: never)
     */
    public record Heard(Instant lastReport, Instant agentAlive, Instant agentAliveSince) {
    }

    /**
     * @param silentLimit      how long a host may be silent while its agent beats before it has failed
     * @param agentSilentLimit how long an agent may be silent before its hosts are Unknown
     * @param heartbeatGap     the longest gap between two heartbeats of an agent that beats on (a few beats): an
     *                         agent that has not beaten for longer is not known to be alive now, so its host is not
     *                         judged failed, however long it has been silent, until the agent beats again or is
     *                         silent for {@code agentSilentLimit}
     */
    public static Optional<Verdict> verdict(String health, Heard heard, Instant watchingSince, Instant now,
                                            Duration silentLimit, Duration agentSilentLimit, Duration heartbeatGap) {
        Verdict verdict;
        if (within(heard.lastReport(), now, silentLimit)) {
            verdict = new Verdict(READY, "its agent reports again");
        } else if (within(watchingSince, now, silentLimit)) {
            return Optional.empty(); // graced
        } else if (heard.agentAlive() != null && !within(heard.agentAlive(), now, agentSilentLimit)) {
            verdict = new Verdict(UNKNOWN, "its agent has been silent for more than " + agentSilentLimit.toSeconds()
                    + " s; the host may run on");
        } else if (heard.agentAlive() != null && !within(heard.agentAlive(), now, heartbeatGap)) {
            return Optional.empty(); // the agent missed beats: killed, or stalled; not known alive now
        } else if (within(heard.agentAliveSince(), now, silentLimit)) {
            return Optional.empty(); // its agent is back from a gap: it gets its time to report the host
        } else {
            verdict = new Verdict(UNREACHABLE, "no report for more than " + silentLimit.toSeconds()
                    + " s while its agent is alive");
        }
        return verdict.health().equals(health) ? Optional.empty() : Optional.of(verdict);
    }

    private static boolean within(Instant at, Instant now, Duration limit) {
        return at != null && Duration.between(at, now).compareTo(limit) <= 0;
    }

    private HostLiveness() {
    }
}
