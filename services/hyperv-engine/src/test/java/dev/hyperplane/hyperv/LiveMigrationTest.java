package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LiveMigrationTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());

    private static final LiveMigration.Convergence HYPER_V_R2 = LiveMigration.Convergence.hyperV(5);
    /** oVirt's "minimal downtime" ladder: 100 -> 500 ms over the passes, stall window 2, then abort. */
    private static final LiveMigration.Convergence MINIMAL_DOWNTIME = new LiveMigration.Convergence(
            List.of(100L, 150L, 200L, 300L, 400L, 500L), 2, 0);

    @Test
    void an_idle_vm_converges_in_few_passes_with_a_short_blackout() {
        var plan = LiveMigration.plan(8192, 1, 117, HYPER_V_R2);
        assertThat(plan.converged()).isTrue();
        assertThat(plan.passes()).hasSizeLessThanOrEqualTo(2);
        assertThat(plan.downtimeMs()).isLessThan(300);
        assertThat(plan.passes().get(0).sentMb()).isEqualTo(8192);
    }

    @Test
    void each_pass_sends_what_the_previous_one_let_the_workload_dirty() {
        var plan = LiveMigration.plan(8192, 20, 117, HYPER_V_R2);
        for (int i = 1; i < plan.passes().size(); i++) {
            var previous = plan.passes().get(i - 1);
            assertThat(plan.passes().get(i).sentMb()).isEqualTo(Math.round(20 * previous.seconds()))
                    .isEqualTo(previous.dirtiedMb());
        }
    }

    @ParameterizedTest(name = "{0}: at most {1} passes")
    @CsvSource({"WS2012, 10", "WS2012_R2, 5", "WS2022, 5"})
    void the_pass_limit_depends_on_the_host_version(HostVersion version, int limit) {
        // writes nearly as fast as the link: passes barely shrink, so the limit decides
        var plan = LiveMigration.plan(8192, 110, 117, LiveMigration.Convergence.hyperV(version.maxMigrationPasses()));
        assertThat(plan.passes()).hasSize(limit);
    }

    @Test
    void a_vm_dirtying_faster_than_the_link_does_not_converge() {
        var plan = LiveMigration.plan(16384, 400, 117, HYPER_V_R2);
        assertThat(plan.converged()).isFalse();
        assertThat(plan.failure()).contains("did not converge", "10000 ms allowed");
    }

    /**
     * The ladder, pass by pass: what each pass leaves dirty (MB) at 1,000 MB/s, and what happens. A 1,000 MB/s
     * link sends 1 MB per ms, so a rest of N MB needs a blackout of N + 10 ms.
     */
    @ParameterizedTest(name = "[{index}] left dirty {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // each pass shrinks: the ladder's next step is allowed each pass; 140 + 10 fits the second step (150)
            "400 300 140        | HAND_OFF after 3 passes, judged against 200 ms, blackout 150 ms",
            "85                 | HAND_OFF after 1 passes, judged against 100 ms, blackout 95 ms",
            // 300, then 300 again twice: not shrinking over 2 passes skips a step at once
            "900 600 600 600 380| HAND_OFF after 5 passes, judged against 500 ms, blackout 390 ms",
            // shrinking too slowly for the ladder: six passes, then abort
            "900 850 800 750 700 650 | FAIL after 6 passes, judged against 500 ms",
    })
    void the_minimal_downtime_ladder(String dirtied, String expected) {
        List<Long> left = new java.util.ArrayList<>();
        int step = 0;
        String outcome = null;
        for (String mb : dirtied.trim().split(" +")) {
            left.add(Long.parseLong(mb));
            var next = LiveMigration.afterPass(MINIMAL_DOWNTIME, step, left, 1000);
            if (next.outcome() == LiveMigration.Outcome.NEXT_PASS) {
                step = next.step();
                continue;
            }
            outcome = next.outcome() + " after " + left.size() + " passes, judged against " + next.allowedDowntimeMs()
                    + " ms" + (next.outcome() == LiveMigration.Outcome.HAND_OFF ? ", blackout " + next.downtimeMs()
                    + " ms" : "");
        }
        assertThat(outcome).isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "stall window {0}, left dirty {1}: stalled {2}")
    @CsvSource({
            "2, 500 400 300, false",
            "2, 500 400 500, true",   // back to where it was two passes ago
            "2, 500 500, false",      // not enough passes to judge yet
            "1, 500 500, true",
            "0, 500 500 500 500, false", // no stall detection
    })
    void stall_detection(int window, String dirtied, boolean stalled) {
        List<Long> left = java.util.Arrays.stream(dirtied.split(" ")).map(Long::parseLong).toList();
        assertThat(LiveMigration.stalled(left, window)).isEqualTo(stalled);
    }

    @Test
    void a_final_stop_and_copy_moves_what_no_step_could_within_its_limit() {
        var suspend = new LiveMigration.Convergence(List.of(150L, 200L), 2, 5000);
        var plan = LiveMigration.plan(4096, 300, 1000, suspend); // dirties 30 % of each pass
        assertThat(plan.converged()).isTrue();
        assertThat(plan.passes()).hasSize(2);
        assertThat(plan.downtimeMs()).isBetween(200L, 5000L);
        var tooBig = LiveMigration.plan(65536, 5000, 1000, suspend);
        assertThat(tooBig.converged()).isFalse();
        assertThat(tooBig.failure()).contains("stop-and-copy", "5000 ms allowed");
    }

    @Test
    void compression_uses_idle_cpu_and_smb_direct_is_fastest() {
        double tcp = LiveMigration.rate(HostSpec.MigrationTransport.TCP, 117, 1);
        assertThat(LiveMigration.rate(HostSpec.MigrationTransport.COMPRESSION, 117, 1)).isEqualTo(4 * tcp);
        assertThat(LiveMigration.rate(HostSpec.MigrationTransport.COMPRESSION, 117, 0)).isEqualTo(tcp);
        assertThat(LiveMigration.rate(HostSpec.MigrationTransport.SMB, 117, 0)).isGreaterThan(4 * tcp);
    }

    private final List<EngineEvent> sourceEvents = new ArrayList<>();
    private final List<EngineEvent> destinationEvents = new ArrayList<>();

    private SimulatedHost host(String id, List<EngineEvent> sink) {
        return new SimulatedHost(new HostSpec(id, HostVersion.WS2012_R2, 16, 1, 65536, 2048,
                HostSpec.MigrationSettings.DEFAULT), 3, MATRIX, sink::add);
    }

    private SimulatedHost sourceWith(String vmId, Workload workload) {
        SimulatedHost source = host("src", sourceEvents);
        source.define(vmId, new VmSpec(vmId, 1, false, 2, MemorySettings.fixed(4096), 1, 1, UBUNTU, workload));
        source.start(vmId);
        source.advance(Duration.ofSeconds(20));
        return source;
    }

    private SimulatedHost destination() {
        return host("dst", destinationEvents);
    }

    private static <T extends EngineEvent> List<T> of(List<EngineEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void a_migrated_guest_goes_on_with_its_workload_where_it_was() {
        // both hosts keep one clock; the batch workload repeats every 900 s, so the source's record of the previous
        // cycle says what the guest must demand on the destination (a new phase there made demand jump by GBs)
        SimulatedHost source = host("src", sourceEvents);
        SimulatedHost destination = new SimulatedHost(new HostSpec("dst", HostVersion.WS2012_R2, 16, 1, 65536, 2048,
                HostSpec.MigrationSettings.DEFAULT), 20261203, MATRIX, destinationEvents::add); // its own draws
        source.define("vm1", new VmSpec("vm1", 1, false, 2, MemorySettings.dynamic(4096, 512, 8192, 20, 50), 1, 1,
                UBUNTU, Workload.BATCH));
        source.start("vm1");
        List<Long> demandBySecond = new ArrayList<>();
        for (int second = 0; second < 1000; second++) {
            source.advance(Duration.ofSeconds(1));
            destination.advance(Duration.ofSeconds(1));
            demandBySecond.add(source.vmView("vm1").demandMb());
        }
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 8192);
        source.migrateOut("vm1", "dst", 1170); // 10 GbE
        while (of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).isEmpty()) {
            source.advance(Duration.ofSeconds(1));
            destination.advance(Duration.ofSeconds(1));
            demandBySecond.add(source.vmView("vm1").demandMb());
        }
        destination.acceptIn(of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0).handOff());
        source.completeMigrationOut("vm1");
        for (int k = 0; k < 30; k++) {
            source.advance(Duration.ofSeconds(1));
            destination.advance(Duration.ofSeconds(1));
            int second = demandBySecond.size();
            demandBySecond.add(destination.vmView("vm1").demandMb());
            // within 24 MB: the guest kernel's floor follows the memory online in it, which the cycles differ in
            assertThat(destination.vmView("vm1").demandMb()).as("second %d", second)
                    .isCloseTo(demandBySecond.get(second - 900), within(24L));
        }
    }

    @Test
    void a_converging_migration_moves_the_running_vm_to_the_destination() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        source.setKvp("vm1", "role", "web");
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), source.vmView("vm1").assignedMb());
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofMinutes(2));

        var ready = of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0);
        assertThat(of(sourceEvents, EngineEvent.MigrationPassCompleted.class)).hasSize(ready.passes());
        assertThat(source.vmView("vm1").state()).as("kept until the destination runs it").isEqualTo(VmState.RUNNING);
        destination.acceptIn(ready.handOff());
        source.completeMigrationOut("vm1");
        assertThat(source.vmIds()).doesNotContain("vm1");
        assertThat(of(sourceEvents, EngineEvent.MigratedOut.class)).singleElement()
                .satisfies(out -> assertThat(out.downtimeMs()).isEqualTo(ready.downtimeMs()));
        assertThat(destination.reservedMb()).isZero();
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(destination.vmView("vm1").externalKvp()).containsEntry("role", "web");
        assertThat(destination.vmView("vm1").assignedMb()).isEqualTo(4096);
        destination.advance(Duration.ofSeconds(4));
        assertThat(destination.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.OK);
    }

    @Test
    void the_engine_steps_pass_by_pass_with_the_allowed_downtime_of_each() {
        SimulatedHost source = sourceWith("vm1", Workload.MEMORY_HOG);
        source.migrateOut("vm1", "dst", 100, MINIMAL_DOWNTIME);
        source.advance(Duration.ofSeconds(1));
        assertThat(of(sourceEvents, EngineEvent.MigrationPassCompleted.class)).as("pass 1 still copying").isEmpty();
        source.advance(Duration.ofMinutes(10));
        var passes = of(sourceEvents, EngineEvent.MigrationPassCompleted.class);
        assertThat(passes).extracting(EngineEvent.MigrationPassCompleted::pass).startsWith(1, 2);
        assertThat(passes.get(0).sentMb()).isEqualTo(4096);
        assertThat(passes.get(1).sentMb()).isEqualTo(passes.get(0).dirtyMb());
        assertThat(passes).extracting(EngineEvent.MigrationPassCompleted::allowedDowntimeMs).isSorted()
                .first().isEqualTo(100L);
        assertThat(of(sourceEvents, EngineEvent.MigrationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("did not converge"));
        assertThat(source.migrating("vm1")).isFalse();
        assertThat(source.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void the_destination_holds_the_memory_from_the_start_and_the_source_keeps_it_until_the_end() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        long sourceFree = source.freeMemoryMb();
        long destinationFree = destination.freeMemoryMb();
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 4096);
        assertThat(destination.freeMemoryMb()).isEqualTo(destinationFree - 4096);
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofMinutes(2));
        assertThat(source.freeMemoryMb()).as("nothing freed at the blackout").isEqualTo(sourceFree);
        destination.acceptIn(of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0).handOff());
        assertThat(destination.freeMemoryMb()).isEqualTo(destinationFree - 4096);
        source.completeMigrationOut("vm1");
        assertThat(source.freeMemoryMb()).isEqualTo(sourceFree + 4096);
    }

    @Test
    void a_destination_without_room_refuses_the_reservation() {
        SimulatedHost destination = destination(); // 64 GiB less 2 GiB for the root
        VmSpec big = new VmSpec("big", 1, false, 2, MemorySettings.fixed(60_000), 1, 1, UBUNTU, Workload.IDLE);
        destination.reserveIncoming("a", big, 60_000);
        assertThatThrownBy(() -> destination.reserveIncoming("b", big, 60_000)).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("MB free");
        destination.releaseIncoming("a");
        destination.reserveIncoming("b", big, 60_000);
    }

    @Test
    void between_agents_the_destination_holds_the_state_first_and_runs_the_vm_only_after_the_source_commits() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 2048); // reserved less than it holds now
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofMinutes(2));
        MigratedVm state = source.handOff("vm1").orElseThrow();
        assertThat(state.assignedMb()).isEqualTo(4096);
        long free = destination.freeMemoryMb();

        destination.holdForHandOff(state);
        assertThat(destination.freeMemoryMb()).as("the reservation grew to what the VM holds").isEqualTo(free - 2048);
        assertThat(destination.vmIds()).as("held, not running").doesNotContain("vm1");
        destination.holdForHandOff(state); // the same hand-off again changes nothing
        assertThat(destination.freeMemoryMb()).isEqualTo(free - 2048);

        source.completeMigrationOut("vm1", 40); // the messages there and back took 40 ms
        assertThat(source.handOff("vm1")).isEmpty();
        long modelled = of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0).downtimeMs();
        assertThat(of(sourceEvents, EngineEvent.MigratedOut.class)).singleElement()
                .satisfies(out -> assertThat(out.downtimeMs()).as("the wait is downtime").isEqualTo(modelled + 40));
        destination.acceptIn(state);
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(destination.freeMemoryMb()).isEqualTo(free - 2048);
    }

    @Test
    void a_destination_that_lost_its_reservation_refuses_to_hold_the_state() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 4096);
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        assertThat(source.handOff("vm1")).as("not at the blackout yet").isEmpty();
        source.advance(Duration.ofMinutes(2));
        destination.powerLoss();
        assertThatThrownBy(() -> destination.holdForHandOff(source.handOff("vm1").orElseThrow()))
                .isInstanceOf(CommandRejected.class).hasMessageContaining("no reservation");
    }

    @Test
    void a_refused_hand_off_leaves_the_vm_running_on_its_source() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        long sourceFree = source.freeMemoryMb();
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 4096);
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofMinutes(2));
        destination.powerLoss(); // its reservation goes with its memory

        var ready = of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0);
        assertThatThrownBy(() -> destination.acceptIn(ready.handOff())).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("no reservation");
        source.abortMigration("vm1", "the destination refused the hand-off");
        assertThat(destination.vmIds()).doesNotContain("vm1");
        assertThat(source.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(source.freeMemoryMb()).isEqualTo(sourceFree);
        assertThatThrownBy(() -> source.completeMigrationOut("vm1")).isInstanceOf(CommandRejected.class);
        source.advance(Duration.ofSeconds(10));
        assertThat(source.vmView("vm1").heartbeat()).as("the guest runs on").isEqualTo(HeartbeatStatus.OK);
    }

    @Test
    void a_non_converging_migration_fails_and_the_vm_stays() {
        SimulatedHost source = sourceWith("hog", Workload.MEMORY_HOG);
        source.migrateOut("hog", "dst", SimulatedHost.ONE_GBE_MB_PER_S / 4);
        source.advance(Duration.ofMinutes(10));
        assertThat(of(sourceEvents, EngineEvent.MigrationFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("did not converge"));
        assertThat(source.vmView("hog").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void a_cut_network_fails_the_migration() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofSeconds(2));
        source.cutMigrationNetwork();
        source.advance(Duration.ofMinutes(2));
        assertThat(sourceEvents).noneMatch(e -> e instanceof EngineEvent.MigrationReadyForHandOff);
        assertThat(source.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
    }

    @ParameterizedTest(name = "{0} ends the migration")
    @CsvSource({"turn-off, OFF", "save, SAVING", "pause, PAUSED", "panic, RUNNING"})
    void a_power_command_ends_the_migration(String command, VmState state) {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofSeconds(2));
        switch (command) {
            case "turn-off" -> source.turnOff("vm1");
            case "save" -> source.save("vm1");
            case "pause" -> source.pause("vm1");
            default -> source.panic("vm1");
        }
        assertThat(source.migrating("vm1")).isFalse();
        assertThat(source.vmView("vm1").state()).isEqualTo(state);
        assertThat(of(sourceEvents, EngineEvent.MigrationFailed.class)).hasSize(1);
    }

    @Test
    void migrations_from_one_host_share_its_link() {
        SimulatedHost alone = sourceWith("vm1", Workload.IDLE);
        alone.migrateOut("vm1", "dst", 100);
        alone.advance(Duration.ofMinutes(3));
        long aloneMs = of(sourceEvents, EngineEvent.MigrationPassCompleted.class).get(0).durationMs();

        sourceEvents.clear();
        SimulatedHost shared = host("src2", sourceEvents);
        for (String id : List.of("a", "b")) {
            shared.define(id, new VmSpec(id, 1, false, 2, MemorySettings.fixed(4096), 1, 1, UBUNTU, Workload.IDLE));
            shared.start(id);
        }
        shared.advance(Duration.ofSeconds(20));
        shared.migrateOut("a", "dst", 100);
        shared.migrateOut("b", "dst", 100);
        shared.advance(Duration.ofMinutes(3));
        var b = of(sourceEvents, EngineEvent.MigrationPassCompleted.class).stream()
                .filter(p -> p.vmId().equals("b")).findFirst().orElseThrow();
        assertThat(b.durationMs()).isGreaterThan(aloneMs * 3 / 2);
    }

    @Test
    void a_quick_migration_saves_the_vm_hands_its_saved_state_over_and_restores_it_there() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        source.setKvp("vm1", "role", "web");
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 4096);
        source.quickMigrateOut("vm1", "dst");
        assertThat(source.vmView("vm1").state()).isEqualTo(VmState.SAVING);
        source.advance(Duration.ofSeconds(5));

        var ready = of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0);
        assertThat(ready.handOff().saved()).isTrue();
        assertThat(ready.passes()).isZero();
        assertThat(ready.downtimeMs()).as("the save and the restore").isGreaterThanOrEqualTo(4000);
        assertThat(source.vmView("vm1").state()).isEqualTo(VmState.SAVED);
        destination.acceptIn(ready.handOff());
        source.completeMigrationOut("vm1");
        assertThat(source.vmIds()).doesNotContain("vm1");
        assertThat(destination.reservedMb()).isZero();
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.RESUMING);
        destination.advance(Duration.ofSeconds(10));
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(destination.vmView("vm1").externalKvp()).containsEntry("role", "web");
        assertThat(destination.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.OK);
    }

    @Test
    void a_quickly_migrated_vm_still_restoring_can_be_turned_off_and_deleted() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = destination();
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), 4096);
        source.quickMigrateOut("vm1", "dst");
        source.advance(Duration.ofSeconds(5));
        destination.acceptIn(of(sourceEvents, EngineEvent.MigrationReadyForHandOff.class).get(0).handOff());
        source.completeMigrationOut("vm1");
        long freeWhileRestoring = destination.freeMemoryMb();
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.RESUMING);

        destination.turnOff("vm1");
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.OFF);
        assertThat(destination.freeMemoryMb()).as("the memory the restore took is back")
                .isGreaterThan(freeWhileRestoring);
        destination.delete("vm1");
        assertThat(destination.vmIds()).doesNotContain("vm1");
    }

    @ParameterizedTest(name = "ended after {0} s")
    @CsvSource({"1", "5"}) // while it is being saved, and once it is saved
    void a_quick_migration_that_ends_otherwise_restores_the_vm_on_its_source(int seconds) {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        source.quickMigrateOut("vm1", "dst");
        source.advance(Duration.ofSeconds(seconds));
        source.abortMigration("vm1", "the destination refused the hand-off");
        source.advance(Duration.ofSeconds(10));
        assertThat(of(sourceEvents, EngineEvent.MigrationFailed.class)).hasSize(1);
        assertThat(source.migrating("vm1")).isFalse();
        assertThat(source.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void a_host_runs_at_most_its_simultaneous_limit() {
        SimulatedHost source = host("src", sourceEvents);
        for (String id : List.of("a", "b", "c")) {
            source.define(id, new VmSpec(id, 1, false, 1, MemorySettings.fixed(2048), 1, 1, UBUNTU, Workload.IDLE));
            source.start(id);
        }
        source.advance(Duration.ofSeconds(5));
        source.migrateOut("a", "dst", 117);
        source.migrateOut("b", "dst", 117);
        assertThatThrownBy(() -> source.migrateOut("c", "dst", 117)).hasMessageContaining("already runs 2 live migrations");
    }
}
