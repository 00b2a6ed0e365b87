package dev.hyperplane.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each filter alone, table-driven: the host, the VM, and whether (and why) the host is excluded. */
class FiltersTest {

    private static HostCandidate host(long freeMb, int logicalProcessors, String version, boolean available,
                                      String groups) {
        return new HostCandidate("h1", 60_000, 60_000 - freeMb, version, logicalProcessors, available, 3,
                groups.isEmpty() ? Set.of() : Set.of(groups.split(" ")));
    }

    private static PlacementRequest vm(int vcpus, long memoryMb, Set<String> hostVersions, String group) {
        return new PlacementRequest("vm-1", "acme", vcpus, memoryMb, hostVersions, group.isEmpty() ? null : group);
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
        assertThat(new CapacityFilter().reject(host(freeMb, lps, "2016", true, ""), vm(vcpus, memoryMb, Hosts.ANY, "")))
                .isEqualTo(reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    @ParameterizedTest(name = "host {0}, guest runs on {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "2016;    2016,2019,2022;         ''",
            "2012 R2; 2012,2012 R2,2016;      ''",
            "2012 R2; 2016,2019,2022;         Windows Server 2012 R2 (the guest runs on 2016, 2019, 2022)",
            "2016;    2019,2022;              Windows Server 2016 (the guest runs on 2019, 2022)",
            "2022;    2022;                   ''",
            // a version the support tables do not know matches no guest: passed over, never an error
            "2008 R2; 2012,2012 R2,2016,2019,2022; Windows Server 2008 R2 (the guest runs on 2012, 2012 R2, 2016, 2019, 2022)"})
    void host_version(String hostVersion, String guestHosts, String reason) {
        assertThat(new HostVersionFilter().reject(host(60_000, 16, hostVersion, true, ""),
                vm(1, 1024, Set.of(guestHosts.split(",")), "")))
                .isEqualTo(reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    @ParameterizedTest(name = "available {0} -> excluded {1}")
    @CsvSource({"true, false", "false, true"})
    void availability(boolean available, boolean excluded) {
        assertThat(new AvailabilityFilter().reject(host(60_000, 16, "2016", available, ""), vm(1, 1024, Hosts.ANY, ""))
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
        assertThat(new AntiAffinityFilter().reject(host(60_000, 16, "2016", true, hostGroups), vm(1, 1024, Hosts.ANY, vmGroup))
                .isPresent()).isEqualTo(excluded);
    }
}
