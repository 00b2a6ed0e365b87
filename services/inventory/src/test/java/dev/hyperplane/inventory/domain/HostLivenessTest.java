package dev.hyperplane.inventory.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HostLivenessTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final Duration AGENT_LIMIT = Duration.ofSeconds(10);

    /**
     * @param lastReportAgo seconds since the host's last report; -1 for never
     * @param agentAliveAgo seconds since its agent's last heartbeat; -1 for never (an agent without heartbeats)
     * @param watchingFor   seconds the checker has been watching
     * @param verdict       the health to record, or none (the recorded health is right)
     */
    @ParameterizedTest(name = "{0}, last report {1} s ago, agent alive {2} s ago, watching {3} s -> {4}")
    @CsvSource({
            "Ready,        1,   1, 600, none",
            "Ready,       15,   1, 600, none",
            "Ready,       16,   1, 600, Unreachable",   // silent while its agent is alive: failed
            "Ready,       16,  -1, 600, Unreachable",   // an agent without heartbeats is taken as alive
            "Ready,       16,  11, 600, Unknown",       // its agent silent too: it may only be restarting
            "Ready,       16,  10, 600, Unreachable",
            "Ready,       -1,   1, 600, Unreachable",
            "Ready,       -1,   1,  10, none",          // just started: reports may be on their way
            "Ready,      300, 300,  15, none",
            "Ready,      300, 300,  16, Unknown",
            "Unreachable,  2,   1, 600, Ready",
            "Unreachable,  2,   1,   1, Ready",         // a fresh report counts at once, grace or not
            "Unreachable, 40,   1, 600, none",
            "Unreachable, 40,  30, 600, Unknown",       // then its agent fell silent too
            "Unknown,     40,  30, 600, none",
            "Unknown,     40,   1, 600, Unreachable",   // the agent is back and the host still silent: failed
            "Unknown,      1,   1, 600, Ready",
    })
    void a_host_is_judged_by_its_last_report_and_its_agents_heartbeat(String health, long lastReportAgo,
                                                                      long agentAliveAgo, long watchingFor,
                                                                      String verdict) {
        Instant last = lastReportAgo < 0 ? null : NOW.minusSeconds(lastReportAgo);
        Instant agent = agentAliveAgo < 0 ? null : NOW.minusSeconds(agentAliveAgo);
        assertThat(HostLiveness.verdict(health, last, agent, NOW.minusSeconds(watchingFor), NOW, LIMIT, AGENT_LIMIT)
                .map(HostLiveness.Verdict::health).orElse("none")).isEqualTo(verdict);
    }
}
