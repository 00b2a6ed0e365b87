package dev.hyperplane.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline: filters first, then weighted scores, deterministic ties, and refusals that say why. */
class PlacementTest {
    private static final List<HostCandidate> HOSTS = List.of(
            //                 id    allocatable reserved version LPs available VMs groups
            new HostCandidate("h1", 60_000, 50_000, "2012 R2", 16, true, 8, Set.of()),          // 10 000 free, busy
            new HostCandidate("h2", 60_000, 30_000, "2016", 16, true, 4, Set.of("acme/db")),  // 30 000 free
            new HostCandidate("h3", 60_000, 30_000, "2016", 16, true, 4, Set.of()),           // ties with h2
            new HostCandidate("h4", 120_000, 115_000, "2016", 32, true, 1, Set.of()),         // 5 000 free, 1 VM
            new HostCandidate("h5", 200_000, 0, "2016", 64, false, 0, Set.of()));             // in maintenance

    @ParameterizedTest(name = "{0} MB, ws2016 {1}, group {2}, weights {3}/{4} -> {5}")
    @CsvSource({
            // memory headroom only: most free after placement, tie h2/h3 broken by id
            "1024,  false, '', 1, 0,  h2",
            // the anti-affinity group excludes h2
            "1024,  false, db, 1, 0,  h3",
            // spread by VM count: h4 has one VM
            "1024,  false, '', 0, 1,  h4",
            // stack (negative VM-count weight): the busiest host that fits
            "1024,  false, '', 0, -1, h1",
            // stacking still respects the host version
            "1024,  true,  '', 0, -1, h2",
            // exactly fits
            "30000, false, '', 1, 0,  h2",
    })
    void chooses(long memoryMb, boolean ws2016, String group, double headroom, double count, String expected) {
        Placement placement = Placement.standard(headroom, count);
        Placement.Decision decision = placement.choose(HOSTS,
                new PlacementRequest("vm-1", "acme", 2, memoryMb, ws2016 ? Hosts.WS2016_OR_NEWER : Hosts.ANY,
                        group.isEmpty() ? null : group));
        assertThat(decision.hostId()).isEqualTo(expected);
    }

    @Test
    void a_refusal_says_why_each_host_was_excluded() {
        Placement.Decision decision = Placement.standard(1, 0).choose(HOSTS,
                new PlacementRequest("vm-1", "acme", 2, 30_001, Hosts.WS2016_OR_NEWER, "db"));
        assertThat(decision.placed()).isFalse();
        assertThat(decision.refusal()).isEqualTo("no host can take the VM: "
                + "h1: Windows Server 2012 R2 (the guest runs on 2016, 2019, 2022); "
                + "h2: already running a VM of anti-affinity group db; "
                + "h3, h4: less than 30001 MB free; "
                + "h5: unreachable or in maintenance");
    }

    @Test
    void no_host_at_all() {
        assertThat(Placement.standard(1, 1).choose(List.of(), new PlacementRequest("vm", "t", 1, 1, Hosts.ANY, null))
                .refusal()).isEqualTo("no hypervisor host is registered");
    }
}
