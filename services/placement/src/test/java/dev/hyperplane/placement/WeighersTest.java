package dev.hyperplane.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each weigher alone, table-driven: its score for a host and a VM. */
class WeighersTest {

    @ParameterizedTest(name = "allocatable {0}, reserved {1}, VM {2} MB -> {3}")
    @CsvSource({
            "10000, 0,     0,     1.0",
            "10000, 0,     5000,  0.5",
            "10000, 5000,  5000,  0.0",
            "10000, 9000,  5000,  0.0", // would not fit: never negative
            "0,     0,     1024,  0.0",
    })
    void memory_headroom(long allocatable, long reserved, long vmMb, double expected) {
        HostCandidate host = new HostCandidate("h1", allocatable, reserved, "2016", 16, true, 0, Set.of());
        assertThat(new MemoryHeadroomWeigher().weigh(host, new PlacementRequest("vm", "t", 1, vmMb, Hosts.ANY, null)))
                .isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "{0} VMs -> {1}")
    @CsvSource({"0, 1.0", "1, 0.5", "3, 0.25", "99, 0.01"})
    void vm_count(int vms, double expected) {
        HostCandidate host = new HostCandidate("h1", 10_000, 0, "2016", 16, true, vms, Set.of());
        assertThat(new VmCountWeigher().weigh(host, new PlacementRequest("vm", "t", 1, 1024, Hosts.ANY, null)))
                .isCloseTo(expected, within(1e-9));
    }
}
