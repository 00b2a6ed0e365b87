package dev.hyperplane.inventory.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HostLivenessTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(15);

    /**
     * @param lastReportAgo seconds since the host's last report; -1 for never
     * @param watchingFor   seconds the checker has been watching
     * @param verdict       reachable, unreachable, or none (the recorded health is right)
     */
    @ParameterizedTest(name = "{0}, last report {1} s ago, watching {2} s -> {3}")
    @CsvSource({
            "Ready,       1,  600, none",
            "Ready,      15,  600, none",
            "Ready,      16,  600, unreachable",
            "Ready,      -1,  600, unreachable",
            "Ready,      -1,   10, none",          // just started: reports may be on their way
            "Ready,     300,   15, none",
            "Ready,     300,   16, unreachable",
            "Unreachable, 2,  600, reachable",
            "Unreachable, 2,    1, reachable",    // a fresh report counts at once, grace or not
            "Unreachable, 40, 600, none",
            "Unreachable, -1, 600, none",
    })
    void a_host_is_judged_by_its_last_report(String health, long lastReportAgo, long watchingFor, String verdict) {
        Instant last = lastReportAgo < 0 ? null : NOW.minusSeconds(lastReportAgo);
        Optional<Boolean> expected = switch (verdict) {
            case "reachable" -> Optional.of(true);
            case "unreachable" -> Optional.of(false);
            default -> Optional.empty();
        };
        assertThat(HostLiveness.verdict(health, last, NOW.minusSeconds(watchingFor), NOW, LIMIT)).isEqualTo(expected);
    }
}
