package dev.hyperplane.platform.liveness;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HostLivenessTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(9);
    private static final Duration AGENT_LIMIT = Duration.ofSeconds(10);
    private static final Duration GAP = Duration.ofSeconds(5);

    /**
     * @param lastReportAgo seconds since the host's last report; -1 for never
     * @param agentAliveAgo seconds since its agent's last heartbeat; -1 for never (an agent without heartbeats)
     * @param aliveSinceAgo seconds since its agent's heartbeats resumed after a gap; -1 for never
     * @param watchingFor   seconds the checker has been watching
     * @param verdict       the health to record, or none (the recorded health is right)
     */
    @ParameterizedTest(name = "{0}, last report {1} s ago, agent alive {2} s ago since {3} s, watching {4} s -> {5}")
    @CsvSource({
            "Ready,        1,   1, 600, 600, none",
            "Ready,        9,   1, 600, 600, none",
            "Ready,       10,   1, 600, 600, Unreachable",   // silent while its agent beats on: failed
            "Ready,       10,  -1,  -1, 600, Unreachable",   // an agent without heartbeats is taken as alive
            "Ready,       16,  11, 600, 600, Unknown",       // its agent silent too: it may only be restarting
            "Ready,       16,   5, 600, 600, Unreachable",
            "Ready,       16,   6, 600, 600, none",          // the agent missed beats: killed with its host? wait
            "Ready,       10,  10, 600, 600, none",          // killed: the host is not failed, and soon Unknown
            "Ready,       16,   1,   6, 600, none",          // the agent stalled and is back: it gets its time
            "Ready,       16,   1,  10, 600, Unreachable",   // back for longer than the limit, the host still silent
            "Ready,       -1,   1, 600, 600, Unreachable",
            "Ready,       -1,   1, 600,   9, none",          // just started: reports may be on their way
            "Ready,      300, 300, 900,   9, none",
            "Ready,      300, 300, 900,  10, Unknown",
            "Unreachable,  2,   1, 600, 600, Ready",
            "Unreachable,  2,   1,   1,   1, Ready",         // a fresh report counts at once, grace or not
            "Unreachable, 40,   1, 600, 600, none",
            "Unreachable, 40,  30, 600, 600, Unknown",       // then its agent fell silent too
            "Unknown,     40,  30, 600, 600, none",
            "Unknown,     40,   1,   3, 600, none",          // the agent is back: the host gets its time to report
            "Unknown,     40,   1,  12, 600, Unreachable",   // and did not: failed
            "Unknown,      1,   1,   1, 600, Ready",
    })
    void a_host_is_judged_by_its_last_report_and_its_agents_heartbeats(String health, long lastReportAgo,
                                                                       long agentAliveAgo, long aliveSinceAgo,
                                                                       long watchingFor, String verdict) {
        HostLiveness.Heard heard = new HostLiveness.Heard(ago(lastReportAgo), ago(agentAliveAgo), ago(aliveSinceAgo));
        assertThat(HostLiveness.verdict(health, heard, NOW.minusSeconds(watchingFor), NOW, LIMIT, AGENT_LIMIT,
                GAP)
                .map(HostLiveness.Verdict::health).orElse("none")).isEqualTo(verdict);
    }

    private static Instant ago(long seconds) {
        return seconds < 0 ? null : NOW.minusSeconds(seconds);
    }
}
