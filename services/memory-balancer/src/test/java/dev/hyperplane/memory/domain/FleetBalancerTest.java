package dev.hyperplane.memory.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.hyperplane.memory.domain.Snapshots.balloonOnly;
import static dev.hyperplane.memory.domain.Snapshots.dm;
import static dev.hyperplane.memory.domain.Snapshots.fixed;
import static dev.hyperplane.memory.domain.Snapshots.host;
import static dev.hyperplane.memory.domain.Snapshots.hotAddFailed;
import static dev.hyperplane.memory.domain.Snapshots.needing;
import static dev.hyperplane.memory.domain.Snapshots.starved;
import static dev.hyperplane.memory.domain.Snapshots.withBuffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FleetBalancerTest {
    private static final FleetBalancer.Settings SETTINGS = new FleetBalancer.Settings(
            new Hysteresis(90, 10, Duration.ofSeconds(30)), Duration.ofMinutes(2), Duration.ofSeconds(60));
    /** As the service runs: projected 60 s along the trend, up to 3 moves per round, 30 s between decisions. */
    private static final FleetBalancer.Settings TRENDING = new FleetBalancer.Settings(
            new Hysteresis(90, 10, Duration.ofSeconds(30)), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(60), 3);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final long GB = 1024;

    /** 100 GB host at 110 %: 60 + 30 + 20 GB of need. */
    private static HostSnapshot hot() {
        return host("hot", 100 * GB, dm("big", 50, 1 * GB, 8 * GB, 64 * GB, 60 * GB),
                dm("mid", 50, 1 * GB, 8 * GB, 64 * GB, 30 * GB), dm("small", 50, 1 * GB, 8 * GB, 64 * GB, 20 * GB));
    }

    private static FleetBalancer.Round rounds(List<HostSnapshot> hosts, Instant... times) {
        Map<String, HostHeat> heat = Map.of();
        FleetBalancer.Round round = null;
        for (Instant t : times) {
            round = FleetBalancer.round(hosts, heat, SETTINGS, t);
            heat = round.heat();
        }
        return round;
    }

    @Test
    void a_host_hot_for_less_than_the_hold_time_is_left_alone() {
        var round = rounds(List.of(hot(), host("cool", 100 * GB)), T0, T0.plusSeconds(15));

        assertThat(round.heat().get("hot").hot()).isFalse();
        assertThat(round.rebalances()).isEmpty();
    }

    @Test
    void a_host_that_stays_hot_sheds_the_smallest_vm_that_cools_it_to_the_coolest_host() {
        var round = rounds(List.of(hot(), host("warm", 100 * GB, dm("w", 50, GB, 8 * GB, 64 * GB, 50 * GB)),
                host("cool", 100 * GB, dm("c", 50, GB, 8 * GB, 64 * GB, 10 * GB))), T0, T0.plusSeconds(15),
                T0.plusSeconds(30));

        assertThat(round.rebalances()).singleElement().satisfies(d -> {
            // excess over 80 %: 30 GB; "mid" (30 GB) covers it, "small" (20 GB) does not
            assertThat(d.vmId()).isEqualTo("mid");
            assertThat(d.fromHostId()).isEqualTo("hot");
            assertThat(d.toHostId()).isEqualTo("cool");
            assertThat(d.hostPressure()).isEqualTo(110);
            assertThat(d.decisionId()).isEqualTo("hot@" + T0.toEpochMilli() + "#1");
            // the destination is counted with the VM's 20 % buffer: 10 + 30 x 1.2 = 46 GB
            assertThat(d.reason()).contains("hot at 110 %", "for 30 s", "takes it to 80 % and cool to 46 %");
        });
    }

    /** Destinations by the fleet's placement rules: the coolest host is skipped when a rule excludes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Linux Secure Boot needs a WS2016+ host,  4, true,  '',  true",
            "more vCPUs than the coolest host has,   48, false, '',  false",
            "anti-affinity with a VM on it,           4, false, web, false",
    })
    void the_coolest_host_is_skipped_when_placement_excludes_it(String rule, int vcpus, boolean needsWs2016,
                                                                 String group, boolean coolestIsOld) {
        String antiAffinity = group.isEmpty() ? null : group;
        HostSnapshot hot = host("hot", 100 * GB,
                needing(dm("big", 50, 1 * GB, 8 * GB, 64 * GB, 60 * GB), vcpus, needsWs2016, antiAffinity),
                needing(dm("mid", 50, 1 * GB, 8 * GB, 64 * GB, 30 * GB), vcpus, needsWs2016, antiAffinity),
                needing(dm("small", 50, 1 * GB, 8 * GB, 64 * GB, 20 * GB), vcpus, needsWs2016, antiAffinity));
        VmSnapshot sibling = needing(dm("sibling", 50, GB, 8 * GB, 64 * GB, 5 * GB), 2, false, "web");
        HostSnapshot coolest = coolestIsOld ? host("coolest", 100 * GB, false, 64)
                : host("coolest", 100 * GB, true, vcpus > 32 ? 32 : 64, group.isEmpty() ? new VmSnapshot[0]
                : new VmSnapshot[]{sibling});
        HostSnapshot cool = host("cool", 100 * GB, true, 64, dm("c", 50, GB, 8 * GB, 64 * GB, 10 * GB));

        var round = rounds(List.of(hot, coolest, cool), T0, T0.plusSeconds(30));

        assertThat(round.rebalances()).as(rule).singleElement()
                .satisfies(d -> assertThat(d.toHostId()).isEqualTo("cool"));
        var withoutRule = rounds(List.of(hot(), host("coolest", 100 * GB), cool), T0, T0.plusSeconds(30));
        assertThat(withoutRule.rebalances()).singleElement()
                .satisfies(d -> assertThat(d.toHostId()).isEqualTo("coolest"));
    }

    @Test
    void the_same_round_twice_decides_the_same_with_the_same_id() {
        List<HostSnapshot> hosts = List.of(hot(), host("cool", 100 * GB));
        var first = rounds(hosts, T0, T0.plusSeconds(30));
        var again = rounds(hosts, T0, T0.plusSeconds(30));

        assertThat(again.rebalances()).isEqualTo(first.rebalances()).hasSize(1);
    }

    @Test
    void no_destination_that_the_move_would_make_warm_so_no_decision() {
        var round = rounds(List.of(hot(), host("busy", 100 * GB, dm("b", 50, GB, 8 * GB, 64 * GB, 65 * GB))), T0,
                T0.plusSeconds(30));

        assertThat(round.heat().get("hot").hot()).isTrue();
        assertThat(round.rebalances()).isEmpty();
    }

    @Test
    void unavailable_hosts_are_no_destination() {
        var round = rounds(List.of(hot(), new HostSnapshot("maint", 100 * GB, false, "2016", 64, List.of())), T0,
                T0.plusSeconds(30));

        assertThat(round.rebalances()).isEmpty();
    }

    @Test
    void a_host_still_hot_waits_for_the_cooldown_before_its_next_decision() {
        List<HostSnapshot> hosts = List.of(hot(), host("cool", 400 * GB));
        Map<String, HostHeat> heat = new HashMap<>();
        List<Rebalance> decided = new ArrayList<>();
        for (int second = 0; second <= 180; second += 15) {
            var round = FleetBalancer.round(hosts, heat, SETTINGS, T0.plusSeconds(second));
            heat.putAll(round.heat());
            decided.addAll(round.rebalances());
        }
        // hot at 30 s, decisions at 30 s and 150 s (two minutes later), not in between
        assertThat(decided).extracting(Rebalance::decisionId)
                .containsExactly("hot@" + T0.toEpochMilli() + "#1", "hot@" + T0.toEpochMilli() + "#2");
    }

    /** A host whose need climbs 3 % of its memory every 15 s, sampled from 75 %. */
    private static Map<String, HostHeat> climbing(FleetBalancer.Settings settings, int rounds) {
        Map<String, HostHeat> heat = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            long need = (75 + 3L * round) * GB;
            var result = FleetBalancer.round(List.of(host("rising", 100 * GB,
                    dm("r", 50, GB, 8 * GB, 128 * GB, need)), host("cool", 100 * GB)), heat, settings,
                    T0.plusSeconds(15L * round));
            heat.putAll(result.heat());
        }
        return heat;
    }

    @Test
    void a_host_climbing_fast_turns_hot_along_its_trend_before_its_sample_crosses() {
        // after 5 rounds the sample reads 87 %, 12 %/min up: 99 % a minute ahead, at or above 90 % since round 3
        assertThat(climbing(TRENDING, 5).get("rising").hot()).isTrue();
        assertThat(climbing(SETTINGS, 5).get("rising").hot()).as("on the sample alone").isFalse();
    }

    @Test
    void a_host_far_over_sheds_several_vms_in_one_round() {
        HostSnapshot over = host("over", 100 * GB, dm("a", 50, GB, 8 * GB, 64 * GB, 40 * GB),
                dm("b", 50, GB, 8 * GB, 64 * GB, 40 * GB), dm("c", 50, GB, 8 * GB, 64 * GB, 20 * GB),
                dm("d", 50, GB, 8 * GB, 64 * GB, 10 * GB), dm("e", 50, GB, 8 * GB, 64 * GB, 10 * GB),
                dm("f", 50, GB, 8 * GB, 64 * GB, 10 * GB));
        List<HostSnapshot> hosts = List.of(over, host("x", 100 * GB), host("y", 100 * GB));
        Map<String, HostHeat> heat = new HashMap<>();
        List<Rebalance> decided = new ArrayList<>();
        for (int second = 0; second <= 30; second += 15) {
            var round = FleetBalancer.round(hosts, heat, TRENDING, T0.plusSeconds(second));
            heat.putAll(round.heat());
            decided.addAll(round.rebalances());
        }
        // 130 GB of need, 50 GB over the cool line, shed in one round: the largest VM first (none covers 50 GB),
        // then the smallest that covers the 10 GB left; each to the host left with the most room
        assertThat(decided).extracting(Rebalance::vmId, Rebalance::toHostId)
                .containsExactly(tuple("a", "x"), tuple("d", "y"));
        assertThat(decided).extracting(Rebalance::decisionId).doesNotHaveDuplicates();
    }

    @Test
    void a_move_in_flight_counts_on_both_hosts_until_the_vm_shows_up_at_its_destination() {
        Rebalance inFlight = new Rebalance("hot@1#1", "mid", "hot", "cool", "earlier", 110, 30 * GB);
        List<HostSnapshot> before = List.of(hot(), host("cool", 100 * GB));
        Map<String, HostHeat> heat = FleetBalancer.round(before, Map.of(), TRENDING, T0).heat();
        heat = FleetBalancer.round(before, heat, TRENDING, T0.plusSeconds(30)).heat();

        var stillMoving = FleetBalancer.round(before, heat, List.of(inFlight), TRENDING, T0.plusSeconds(90));
        assertThat(stillMoving.rebalances()).as("mid leaving takes the host to 80 %: nothing more to move").isEmpty();
        var forgotten = FleetBalancer.round(before, heat, List.of(), TRENDING, T0.plusSeconds(90));
        assertThat(forgotten.rebalances()).as("without it the host sheds mid again").isNotEmpty();

        // a second hot host finds "cool" holding mid's 36 GB (with buffer): 90 GB more would pass its limit
        HostSnapshot hot2 = host("hot2", 100 * GB, dm("x", 50, GB, 8 * GB, 64 * GB, 60 * GB),
                dm("y", 50, GB, 8 * GB, 64 * GB, 45 * GB));
        List<HostSnapshot> two = List.of(hot(), hot2, host("cool", 100 * GB));
        Map<String, HostHeat> heat2 = FleetBalancer.round(two, Map.of(), TRENDING, T0).heat();
        heat2 = new HashMap<>(FleetBalancer.round(two, heat2, TRENDING, T0.plusSeconds(30)).heat());
        heat2.put("hot", heat2.get("hot").decided(T0.plusSeconds(30)));
        var round = FleetBalancer.round(two, heat2, List.of(inFlight), TRENDING, T0.plusSeconds(45));
        // hot2 needs 105 GB: 25 GB over; y (45 GB) would take cool to 36 + 54 = 90 %, past 85 %: no room
        assertThat(round.rebalances()).isEmpty();
        var withoutInFlight = FleetBalancer.round(two, heat2, List.of(), TRENDING, T0.plusSeconds(45));
        assertThat(withoutInFlight.rebalances()).extracting(Rebalance::fromHostId).contains("hot2");
    }

    @Test
    void two_hot_hosts_do_not_both_fill_the_same_destination() {
        HostSnapshot other = host("hot2", 100 * GB, dm("x", 50, GB, 8 * GB, 64 * GB, 60 * GB),
                dm("y", 50, GB, 8 * GB, 64 * GB, 50 * GB));
        var round = rounds(List.of(hot(), other, host("cool", 60 * GB)), T0, T0.plusSeconds(30));

        // "cool" (60 GB) takes "mid" (30 GB) and would be at 133 % with "y" (50 GB) as well
        assertThat(round.rebalances()).singleElement().satisfies(d -> assertThat(d.vmId()).isEqualTo("mid"));
    }

    /**
     * 100 rounds of noisy demand around the threshold, each decision carried out before the next round: no VM
     * moves twice, and no host goes hot, cool and hot again.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"on the sample alone, false", "along the trend with several moves per round, true"})
    void noisy_demand_over_100_rounds_moves_each_vm_at_most_once_and_never_back(String how, boolean trending) {
        FleetBalancer.Settings settings = trending ? TRENDING : SETTINGS;
        Random random = new Random(7);
        Map<String, String> placement = new HashMap<>(Map.of("a1", "A", "a2", "A", "a3", "A", "b1", "B",
                "c1", "C"));
        Map<String, Long> baseDemand = Map.of("a1", 40 * GB, "a2", 30 * GB, "a3", 20 * GB, "b1", 30 * GB,
                "c1", 20 * GB);
        Map<String, HostHeat> heat = new HashMap<>();
        Map<String, Integer> moves = new HashMap<>();
        Map<String, Integer> hotEpisodes = new HashMap<>();
        for (int round = 0; round < 100; round++) {
            List<HostSnapshot> hosts = new ArrayList<>();
            for (String h : List.of("A", "B", "C")) {
                List<VmSnapshot> vms = new ArrayList<>();
                placement.forEach((vm, at) -> {
                    if (at.equals(h)) {
                        long noise = (long) (baseDemand.get(vm) * 0.05 * (2 * random.nextDouble() - 1));
                        vms.add(dm(vm, 50, GB, 8 * GB, 64 * GB, baseDemand.get(vm) + noise));
                    }
                });
                vms.sort(Comparator.comparing(VmSnapshot::vmId));
                hosts.add(new HostSnapshot(h, 100 * GB, true, "2016", 64, vms));
            }
            var result = FleetBalancer.round(hosts, heat, settings, T0.plusSeconds(15L * round));
            result.heat().forEach((h, now) -> {
                HostHeat before = heat.getOrDefault(h, HostHeat.COOL);
                if (now.hot() && !before.hot()) {
                    hotEpisodes.merge(h, 1, Integer::sum);
                }
            });
            heat.putAll(result.heat());
            for (Rebalance d : result.rebalances()) {
                placement.put(d.vmId(), d.toHostId());
                moves.merge(d.vmId(), 1, Integer::sum);
            }
        }
        assertThat(moves).isNotEmpty().allSatisfy((vm, count) -> assertThat(count).as(vm).isEqualTo(1));
        assertThat(hotEpisodes).allSatisfy((h, count) -> assertThat(count).as(h).isEqualTo(1));
        assertThat(heat.values()).noneMatch(HostHeat::hot);
    }

    @Test
    void raises_the_alerts_the_samples_call_for() {
        HostSnapshot host = host("h", 10 * GB, starved(dm("hungry", 50, GB, 4 * GB, 16 * GB, 9 * GB, 6 * GB),
                        Duration.ofSeconds(75)),
                starved(dm("brief", 50, GB, 2 * GB, 8 * GB, 3 * GB, 2 * GB), Duration.ofSeconds(20)),
                hotAddFailed(dm("stuck", 50, GB, 2 * GB, 8 * GB, GB)));

        var alerts = FleetBalancer.round(List.of(host), Map.of(), SETTINGS, T0).alerts();

        assertThat(alerts).extracting(AlertCondition::subject).containsExactlyInAnyOrder(
                "host-overcommitted/h", "vm-starved/hungry", "hot-add-failed/stuck");
        assertThat(alerts).filteredOn(a -> a.kind().equals("vm-starved")).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("pressure 150 % for 75 s"));
    }

    @Test
    void recommends_a_higher_maximum_for_a_capped_vm_and_a_restart_size_for_a_balloon_only_guest() {
        HostSnapshot host = host("h", 200 * GB, dm("capped", 50, GB, 2 * GB, 4 * GB, 6000, 4 * GB),
                balloonOnly("old", 4 * GB, 4 * GB, 5000), fixed("static", 4 * GB, 5000));

        var recommendations = FleetBalancer.round(List.of(host), Map.of(), SETTINGS, T0).recommendations();

        assertThat(recommendations).extracting(Recommendation::vmId, Recommendation::kind, Recommendation::current,
                        Recommendation::suggested)
                .containsExactlyInAnyOrder(
                        tuple("capped", "raise-maximum", 4096L, 7296L),
                        tuple("old", "raise-startup", 4096L, 6016L));
    }

    @Test
    void recommends_weight_for_a_vm_losing_under_contention_and_buffers_by_host_heat() {
        HostSnapshot contended = host("c", 7 * GB, dm("vip", 80, GB, 2 * GB, 8 * GB, 4 * GB),
                dm("low", 20, GB, 2 * GB, 8 * GB, 4 * GB, 3 * GB));
        HostSnapshot roomy = host("r", 100 * GB, withBuffer(dm("spiky", 50, GB, 2 * GB, 16 * GB, 3 * GB, 2 * GB), 10));

        var recommendations = FleetBalancer.round(List.of(contended, roomy), Map.of(), SETTINGS, T0)
                .recommendations();

        assertThat(recommendations).extracting(Recommendation::vmId, Recommendation::kind, Recommendation::suggested)
                .containsExactlyInAnyOrder(
                        tuple("low", "raise-weight", 81L),
                        tuple("spiky", "raise-buffer", 20L));
    }
}
