package dev.hyperplane.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each filter alone, table-driven: the host, the VM, and whether (and why) the host is excluded. */
class FiltersTest {

    private static HostCandidate host(long freeMb, int logicalProcessors, boolean ws2016, boolean available,
                                      String groups) {
        return new HostCandidate("h1", 60_000, 60_000 - freeMb, ws2016, logicalProcessors, available, 3,
                groups.isEmpty() ? Set.of() : Set.of(groups.split(" ")));
    }

    private static PlacementRequest vm(int vcpus, long memoryMb, boolean needsWs2016, String group) {
        return new PlacementRequest("vm-1", "acme", vcpus, memoryMb, needsWs2016, group.isEmpty() ? null : group);
    }

    @ParameterizedTest(name = "free {0} MB, {1} LPs, VM {2} vCPUs {3} MB -> {4}")
    @CsvSource({
            "4096,  16, 2,  4096, ''",
            "4095,  16, 2,  4096, less than 4096 MB free",
            "60000, 16, 16, 1024, ''",
            "60000, 16, 17, 1024, fewer than 17 logical processors",
            "0,     16, 1,  32,   less than 32 MB free",
    })
    void capacity(long freeMb, int lps, int vcpus, long memoryMb, String reason) {
        assertThat(new CapacityFilter().reject(host(freeMb, lps, true, true, ""), vm(vcpus, memoryMb, false, "")))
                .isEqualTo(reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    @ParameterizedTest(name = "host ws2016+ {0}, guest needs it {1} -> excluded {2}")
    @CsvSource({"true, true, false", "true, false, false", "false, false, false", "false, true, true"})
    void host_version(boolean ws2016, boolean needs, boolean excluded) {
        assertThat(new HostVersionFilter().reject(host(60_000, 16, ws2016, true, ""), vm(1, 1024, needs, ""))
                .isPresent()).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "available {0} -> excluded {1}")
    @CsvSource({"true, false", "false, true"})
    void availability(boolean available, boolean excluded) {
        assertThat(new AvailabilityFilter().reject(host(60_000, 16, true, available, ""), vm(1, 1024, false, ""))
                .isPresent()).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "host groups [{0}], VM group {1} -> excluded {2}")
    @CsvSource({
            "'',                   db,  false",
            "acme/db,              db,  true",
            "acme/web globex/db,   db,  false", // another tenant's group of the same name
            "acme/db,              '',  false", // no group: no constraint
            "acme/web acme/db,     web, true",
    })
    void anti_affinity(String hostGroups, String vmGroup, boolean excluded) {
        assertThat(new AntiAffinityFilter().reject(host(60_000, 16, true, true, hostGroups), vm(1, 1024, false, vmGroup))
                .isPresent()).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "{0} guest, Secure Boot {1} -> needs WS2016+ {2}")
    @CsvSource({"linux, true, true", "linux, false, false", "windows, true, false", "windows, false, false"})
    void only_linux_secure_boot_needs_a_ws2016_host(String family, boolean secureBoot, boolean needs) {
        assertThat(PlacementRequest.needsWs2016Host(family, secureBoot)).isEqualTo(needs);
    }
}
