package dev.hyperplane.memory.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static dev.hyperplane.memory.domain.Snapshots.balloonOnly;
import static dev.hyperplane.memory.domain.Snapshots.dm;
import static dev.hyperplane.memory.domain.Snapshots.fixed;
import static dev.hyperplane.memory.domain.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

class ContentionModelTest {

    static Stream<Arguments> hosts() {
        return Stream.of(
                Arguments.of("room for all: everyone gets demand plus buffer",
                        host("h", 65536, dm("a", 50, 512, 2048, 8192, 3000), dm("b", 50, 512, 2048, 8192, 1000)),
                        Map.of("a", 3712L, "b", 1280L)),
                Arguments.of("contention: the heavier VM's demand is met first, the lighter one gets the rest",
                        host("h", 7168, dm("light", 20, 1024, 2048, 8192, 4096), dm("heavy", 80, 1024, 2048, 8192, 4096)),
                        Map.of("heavy", 4096L, "light", 3072L)),
                Arguments.of("contention with equal weights: demand in id order, buffers dropped",
                        host("h", 6144, dm("a", 50, 1024, 2048, 8192, 4096), dm("b", 50, 1024, 2048, 8192, 4096)),
                        Map.of("a", 4096L, "b", 2048L)),
                Arguments.of("buffers shared by weight once every demand is met; what the heavy VM cannot take goes on",
                        host("h", 9216, dm("a", 100, 1024, 2048, 8192, 4000), dm("b", 0, 1024, 2048, 8192, 4000)),
                        Map.of("a", 4864L, "b", 4352L)),
                Arguments.of("never below minimum, even when minimums overcommit the host",
                        host("h", 3000, dm("a", 90, 2048, 2048, 8192, 6000), dm("b", 10, 2048, 2048, 8192, 100)),
                        Map.of("a", 2048L, "b", 2048L)),
                Arguments.of("never above maximum, whatever the demand",
                        host("h", 262144, dm("a", 50, 512, 2048, 4096, 20000)),
                        Map.of("a", 4096L)),
                Arguments.of("a balloon-only guest never holds more than its startup memory",
                        host("h", 262144, balloonOnly("old", 4096, 8192, 6000)),
                        Map.of("old", 4096L)),
                Arguments.of("a static VM holds its startup memory, idle or not, and others share the rest",
                        host("h", 8192, fixed("s", 4096, 100), dm("d", 50, 512, 2048, 8192, 6000)),
                        Map.of("s", 4096L, "d", 4096L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void divides_a_hosts_memory(String why, HostSnapshot host, Map<String, Long> expected) {
        Map<String, Long> shares = ContentionModel.shares(host);

        assertThat(shares).isEqualTo(expected);
        host.vms().forEach(vm -> assertThat(shares.get(vm.vmId())).as(vm.vmId())
                .isBetween(vm.floorMb(), vm.ceilingMb()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void never_hands_out_more_than_the_host_has_beyond_the_floors(String why, HostSnapshot host,
                                                                 Map<String, Long> expected) {
        long floors = host.vms().stream().mapToLong(VmSnapshot::floorMb).sum();
        long given = ContentionModel.shares(host).values().stream().mapToLong(Long::longValue).sum();

        assertThat(given).isLessThanOrEqualTo(Math.max(floors, host.capacityMb()));
    }
}
