package dev.hyperplane.hyperv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HostMemoryBalancerTest {

    private static HostMemoryBalancer.Entry vm(String id, long demand, long assigned, int priority) {
        return new HostMemoryBalancer.Entry(id, demand, assigned, 2048, 512, 8192, 20, priority, true, 0);
    }

    private static Map<String, Long> byVm(List<HostMemoryBalancer.Move> moves) {
        return moves.stream().collect(Collectors.toMap(HostMemoryBalancer.Move::vmId, HostMemoryBalancer.Move::deltaMb, Long::sum));
    }

    @ParameterizedTest(name = "demand {0} MB, buffer {1} % -> target {2} MB")
    @CsvSource({
            "1000, 20,  1280",  // 1200 rounded up to 128 MB
            "100,  20,  512",   // never below minimum
            "8000, 20,  8192",  // never above maximum
            "1024, 100, 2048",
            "1024, 5,   1152",
    })
    void target_is_demand_plus_buffer_within_minimum_and_maximum(long demand, int buffer, long target) {
        var entry = new HostMemoryBalancer.Entry("a", demand, 2048, 2048, 512, 8192, buffer, 50, true, 0);
        assertThat(entry.target()).isEqualTo(target);
    }

    @Test
    void a_balloon_only_guest_cannot_be_targeted_past_startup() {
        var entry = new HostMemoryBalancer.Entry("a", 4000, 2048, 2048, 512, 8192, 20, 50, false, 0);
        assertThat(entry.target()).isEqualTo(2048);
    }

    @ParameterizedTest(name = "assigned {0}, demand {1}, floor {2} -> reclaim {3}")
    @CsvSource({
            "4096, 1000, 0,    2816",  // down to target 1280
            "4096, 100,  0,    3584",  // down to minimum 512, not to target
            "4096, 100,  1000, 3096",  // the guest's floor is higher than minimum
            "1280, 1000, 0,    0",     // at target: nothing
    })
    void shrinks_reclaim_the_surplus_but_never_below_minimum_or_floor(long assigned, long demand, long floor,
                                                                       long reclaimed) {
        var entry = new HostMemoryBalancer.Entry("a", demand, assigned, 2048, 512, 8192, 20, 50, true, floor);
        assertThat(byVm(HostMemoryBalancer.shrinks(List.of(entry))).getOrDefault("a", 0L)).isEqualTo(-reclaimed);
    }

    @Test
    void without_contention_every_grower_gets_its_target() {
        var moves = byVm(HostMemoryBalancer.grows(List.of(vm("a", 2000, 1024, 50), vm("b", 1000, 512, 50)), 10_000));
        assertThat(moves).containsEntry("a", 2432L - 1024).containsEntry("b", 1280L - 512);
    }

    @Test
    void under_contention_demand_comes_first_by_priority_then_buffers_by_weight() {
        // a needs 1000 (demand) + 400 (buffer); b the same; only 1500 free
        var a = vm("a", 2024, 1024, 80);
        var b = vm("b", 2024, 1024, 20);
        var moves = byVm(HostMemoryBalancer.grows(List.of(a, b), 1500));
        assertThat(moves.get("a")).isEqualTo(1000 + 0);      // demand met; buffers shared from the 500 left
        assertThat(moves.get("b")).isEqualTo(500);          // what is left of its demand
        assertThat(moves.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1500);
    }

    @Test
    void starved_high_priority_demand_balloons_lower_priority_vms_toward_their_demand() {
        var starved = vm("hot", 6000, 2048, 90);
        var idle = new HostMemoryBalancer.Entry("idle", 1000, 6144, 2048, 512, 8192, 20, 10, true, 0);
        var moves = byVm(HostMemoryBalancer.grows(List.of(starved, idle), 0));
        assertThat(moves.get("idle")).isEqualTo(-(6144 - 1024)); // down to its demand rounded to 128 MB
        assertThat(moves).doesNotContainKey("hot");             // nothing free this round
    }

    @Test
    void unmet_demand_takes_the_buffers_of_equal_priority_vms_first_never_from_higher_ones() {
        var growing = vm("growing", 3000, 2048, 50);
        var buffered = new HostMemoryBalancer.Entry("buffered", 1000, 1280, 2048, 512, 8192, 20, 50, true, 0);
        var important = new HostMemoryBalancer.Entry("important", 1000, 1280, 2048, 512, 8192, 20, 90, true, 0);
        var moves = byVm(HostMemoryBalancer.grows(List.of(growing, buffered, important), 0));
        assertThat(moves.get("buffered")).isEqualTo(-(1280 - 1024)); // its buffer, down to demand rounded up
        assertThat(moves).doesNotContainKey("important");
    }

    @Test
    void no_flip_flop_a_vm_at_target_is_left_alone() {
        var settled = vm("a", 1000, 1280, 50);
        for (int round = 0; round < 100; round++) {
            assertThat(HostMemoryBalancer.shrinks(List.of(settled))).isEmpty();
            assertThat(HostMemoryBalancer.grows(List.of(settled), 50_000)).isEmpty();
        }
    }
}
