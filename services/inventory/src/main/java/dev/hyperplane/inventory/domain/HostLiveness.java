package dev.hyperplane.inventory.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a host is alive, judged from when its agent last reported it and when that agent last said it is alive
 * (agent liveness is not host liveness): a fresh report makes it Ready; a host silent for longer than its limit
 * while its agent's heartbeats go on has failed (power loss, a partition) and is Unreachable; a host whose agent is
 * silent too is Unknown, since an agent restart leaves its hosts running. An agent that never sent a heartbeat
 * (one older than heartbeats) is taken as alive. Until the checker has watched for the limit, a host without a
 * fresh report is given the benefit of the doubt (after a restart the reports are still on their way).
 */
public final class HostLiveness {
    public static final String READY = "Ready";
    public static final String UNREACHABLE = "Unreachable";
    public static final String UNKNOWN = "Unknown";

    /** The health to record, with why; empty when the recorded health is right. */
    public record Verdict(String health, String reason) {
    }

    public static Optional<Verdict> verdict(String health, Instant lastReport, Instant agentAlive,
                                            Instant watchingSince, Instant now, Duration silentLimit,
                                            Duration agentSilentLimit) {
        boolean fresh = lastReport != null && Duration.between(lastReport, now).compareTo(silentLimit) <= 0;
        Verdict verdict;
        if (fresh) {
            verdict = new Verdict(READY, "its agent reports again");
        } else if (Duration.between(watchingSince, now).compareTo(silentLimit) <= 0) {
            return Optional.empty(); // graced
        } else if (agentAlive != null && Duration.between(agentAlive, now).compareTo(agentSilentLimit) > 0) {
            verdict = new Verdict(UNKNOWN, "its agent has been silent for more than " + agentSilentLimit.toSeconds()
                    + " s; the host may run on");
        } else {
            verdict = new Verdict(UNREACHABLE, "no report for more than " + silentLimit.toSeconds()
                    + " s while its agent is alive");
        }
        return verdict.health().equals(health) ? Optional.empty() : Optional.of(verdict);
    }

    private HostLiveness() {
    }
}
