package dev.hyperplane.provisioning.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
    private static final List<HostCandidate> HOSTS = List.of(
            new HostCandidate("h1", 60_000, 50_000),  // 10 000 free
            new HostCandidate("h2", 60_000, 30_000),  // 30 000 free
            new HostCandidate("h3", 60_000, 30_000),  // 30 000 free, ties with h2
            new HostCandidate("h4", 120_000, 115_000)); // 5 000 free

    @ParameterizedTest(name = "{0} MB -> {1}")
    @CsvSource({
            "1024,  h2",   // most free memory; tie broken by id
            "30000, h2",   // exactly fits
            "30001, ''",   // fits nowhere
    })
    void chooses_the_host_with_most_free_memory(long memoryMb, String expectedHost) {
        Placement.Decision decision = Placement.choose(HOSTS, memoryMb);
        if (expectedHost.isEmpty()) {
            assertThat(decision.placed()).isFalse();
            assertThat(decision.refusal()).isEqualTo("no host has 30001 MB free (largest free: 30000 MB)");
        } else {
            assertThat(decision.hostId()).isEqualTo(expectedHost);
        }
    }

    @Test
    void without_hosts_says_so() {
        assertThat(Placement.choose(List.of(), 1024).refusal()).startsWith("no hypervisor host is available");
    }

    @Test
    void spreads_consecutive_vms_over_hosts() {
        var h1 = new HostCandidate("h1", 8192, 0);
        var h2 = new HostCandidate("h2", 8192, 0);
        assertThat(Placement.choose(List.of(h1, h2), 2048).hostId()).isEqualTo("h1");
        assertThat(Placement.choose(List.of(new HostCandidate("h1", 8192, 2048), h2), 2048).hostId()).isEqualTo("h2");
    }

    @Test
    void features_that_need_a_ws2016_host_only_go_to_one() {
        var old = new HostCandidate("old", 60_000, 0, false);
        var ws2016 = new HostCandidate("new", 60_000, 50_000, true);
        assertThat(Placement.choose(List.of(old, ws2016), 1024, false).hostId()).isEqualTo("old");
        assertThat(Placement.choose(List.of(old, ws2016), 1024, true).hostId()).isEqualTo("new");
        assertThat(Placement.choose(List.of(old), 1024, true).refusal()).contains("Windows Server 2016 or newer");
    }
}
