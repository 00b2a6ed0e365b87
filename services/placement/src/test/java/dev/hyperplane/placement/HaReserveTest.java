package dev.hyperplane.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HA reserve on small fleets. A host is {@code id:allocatable:reserved:available:protected VMs}, the VMs'
 * memory in MB separated by {@code +} (a host's reserved memory also counts the VMs HA does not restart).
 */
class HaReserveTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | hosts | tolerate | absorbed | reserve | spare
            "empty fleet                       | a:8000:0:y: b:8000:0:y:                                  | 1 | 2 | 0    | 8000",
            "one host's VMs fit on the other   | a:8000:4000:y:2000+2000 b:8000:2000:y:2000                | 1 | 1 | 4000 | 6000",
            "the worst host's VMs do not fit   | a:8000:6000:y:3000+3000 b:8000:5000:y:5000                | 1 | 0 | 6000 | 3000",
            "enough free memory, in pieces too small"
                    + "| a:8000:6000:y:6000 b:8000:4000:y:1000 c:8000:4000:y:1000                                 | 1 | 0 | 6000 | 8000",
            "two failures on four hosts        | a:8000:3000:y:3000 b:8000:3000:y:3000 c:8000:2000:y:2000 d:8000:2000:y:2000 | 2 | 2 | 6000 | 12000",
            "VMs HA does not restart need no room"
                    + "| a:8000:7000:y:1000 b:8000:7000:y:1000                                                    | 1 | 1 | 1000 | 1000",
            "a host in maintenance neither fails nor takes VMs"
                    + "| a:8000:4000:y:4000 b:8000:0:n: c:8000:5000:y:5000                                        | 1 | 0 | 5000 | 4000",
            "one available host cannot tolerate a failure"
                    + "| a:8000:1000:y:1000                                                                       | 1 | 0 | 1000 | 0",
    })
    void the_fleet_absorbs_the_worst_host_failures_its_free_memory_can_take(
            String name, String hosts, int tolerate, int absorbed, long reserve, long spare) {
        HaReserve.Assessment assessment = HaReserve.assess(parse(hosts), tolerate);
        assertThat(assessment.failuresAbsorbed()).as(name).isEqualTo(absorbed);
        assertThat(assessment.holds()).isEqualTo(absorbed >= tolerate);
        assertThat(assessment.reserveMb()).isEqualTo(reserve);
        assertThat(assessment.spareMb()).isEqualTo(spare);
        assertThat(assessment.reason() == null).isEqualTo(assessment.holds());
    }

    @Test
    void a_vm_that_would_break_the_reserve_is_told_apart_from_one_that_would_not() {
        List<HaReserve.Host> fleet = parse("a:8000:3000:y:3000 b:8000:3000:y:3000");
        assertThat(HaReserve.assessWith(fleet, "a", 2000, true, 1).holds()).as("5000 on a, 3000 on b").isTrue();
        HaReserve.Assessment broken = HaReserve.assessWith(fleet, "a", 3000, true, 1);
        assertThat(broken.holds()).as("6000 on a, b has 5000 free").isFalse();
        assertThat(broken.reason()).isEqualTo("the fleet can restart the VMs of 0 failed hosts, not 1: host a holds "
                + "6000 MB of VMs HA restarts, and the 1 other available host has 5000 MB free");
        assertThat(HaReserve.assessWith(fleet, "a", 1000, false, 1).holds())
                .as("a VM HA does not restart needs no reserve of its own").isTrue();
        HaReserve.Assessment crowded = HaReserve.assessWith(fleet, "a", 3000, false, 1);
        assertThat(crowded.holds()).as("but it takes room: b's VMs no longer fit on a").isFalse();
        assertThat(crowded.reason()).contains("host b holds 3000 MB").contains("has 2000 MB free");
    }

    private static List<HaReserve.Host> parse(String hosts) {
        return Arrays.stream(hosts.trim().split("\\s+")).map(h -> {
            String[] f = h.split(":", -1);
            List<Long> vms = f[4].isEmpty() ? List.of() : Arrays.stream(f[4].split("\\+")).map(Long::parseLong).toList();
            return new HaReserve.Host(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3].equals("y"), vms);
        }).toList();
    }
}
