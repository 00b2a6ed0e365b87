package dev.hyperplane.memory.domain;

import dev.hyperplane.placement.Placement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.hyperplane.memory.domain.Snapshots.dm;
import static dev.hyperplane.memory.domain.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

/** The destination rules of a rebalance move, one row per rule: which destination takes a 10 GB VM. */
class HeadroomTest {
    private static final long GB = 1024;
    private static final Hysteresis HYSTERESIS = new Hysteresis(90, 10, java.time.Duration.ofSeconds(30));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // rule                                               | need GB | holds GB | in flight GB | hot   | available | takes it
            "room below the limit for its need and its buffer      | 60      | 72       | 0            | false | true      | true",
            "its need fits, need and buffer pass 85 %              | 74      | 74       | 0            | false | true      | false",
            "below the limit, but its VMs hold the memory in buffers | 60    | 95       | 0            | false | true      | false",
            "a move on its way there took the room                 | 60      | 72       | 16           | false | true      | false",
            "a move on its way, still room                         | 50      | 60       | 12           | false | true      | true",
            "a hot host takes nothing                              | 20      | 24       | 0            | true  | true      | false",
            "an unavailable host takes nothing                     | 20      | 24       | 0            | false | false     | false",
    })
    void a_destination_takes_a_vm_only_with_room_for_it_now_and_after(String rule, long needGb, long holdsGb,
                                                                       long inFlightGb, boolean hot,
                                                                       boolean available, boolean takes) {
        // the VM to move needs 10 GB and holds its target, 12 GB (20 % buffer)
        VmSnapshot vm = dm("vm", 50, GB, 8 * GB, 64 * GB, 10 * GB);
        HostSnapshot source = host("source", 100 * GB, vm);
        List<VmSnapshot> there = new ArrayList<>(List.of(dm("d", 50, GB, 8 * GB, 96 * GB, needGb * GB,
                holdsGb * GB)));
        VmSnapshot incoming = dm("incoming", 50, GB, 8 * GB, 64 * GB, inFlightGb * GB * 10 / 12, inFlightGb * GB);
        HostSnapshot destination = new HostSnapshot("destination", 100 * GB, available, "2016", 64, there);
        HostSnapshot other = host("other", 100 * GB, incoming);
        Headroom headroom = new Headroom(List.of(source, destination, other), Map.of(), Map.of());
        if (inFlightGb > 0) {
            headroom.move(incoming, "other", "destination");
        }

        var decision = Placement.standard(1, 0).choose(List.of(headroom.candidateFor(vm, "destination", hot,
                HYSTERESIS.destinationPercent())), vm.placementRequest());

        assertThat(decision.placed()).as(rule).isEqualTo(takes);
    }
}
