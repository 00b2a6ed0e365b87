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

class LiveMigrationTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());

    @Test
    void an_idle_vm_converges_in_few_passes_with_a_short_blackout() {
        var plan = LiveMigration.plan(8192, 1, 117, 5);
        assertThat(plan.converged()).isTrue();
        assertThat(plan.passes()).hasSizeLessThanOrEqualTo(2);
        assertThat(plan.downtimeMs()).isLessThan(300);
        assertThat(plan.passes().get(0).sentMb()).isEqualTo(8192);
    }

    @Test
    void each_pass_sends_what_the_previous_one_let_the_workload_dirty() {
        var plan = LiveMigration.plan(8192, 20, 117, 5);
        for (int i = 1; i < plan.passes().size(); i++) {
            var previous = plan.passes().get(i - 1);
            assertThat(plan.passes().get(i).sentMb()).isEqualTo(Math.round(20 * previous.seconds()));
        }
    }

    @ParameterizedTest(name = "{0}: at most {1} passes")
    @CsvSource({"WS2012, 10", "WS2012_R2, 5", "WS2022, 5"})
    void the_pass_limit_depends_on_the_host_version(HostVersion version, int limit) {
        // writes nearly as fast as the link: passes barely shrink, so the limit decides
        var plan = LiveMigration.plan(8192, 110, 117, version.maxMigrationPasses());
        assertThat(plan.passes()).hasSize(limit);
    }

    @Test
    void a_vm_dirtying_faster_than_the_link_does_not_converge() {
        var plan = LiveMigration.plan(16384, 400, 117, 5);
        assertThat(plan.converged()).isFalse();
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

    @Test
    void a_converging_migration_moves_the_running_vm_to_the_destination() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        SimulatedHost destination = host("dst", destinationEvents);
        source.setKvp("vm1", "role", "web");
        var plan = source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofSeconds((long) Math.ceil(plan.totalSeconds()) + 1));

        var out = sourceEvents.stream().filter(e -> e instanceof EngineEvent.MigratedOut)
                .map(EngineEvent.MigratedOut.class::cast).findFirst().orElseThrow();
        assertThat(sourceEvents).filteredOn(e -> e instanceof EngineEvent.MigrationPassCompleted).hasSize(out.passes());
        assertThat(source.vmIds()).doesNotContain("vm1");
        destination.acceptIn(out.handOff());
        assertThat(destination.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(destination.vmView("vm1").externalKvp()).containsEntry("role", "web");
        assertThat(destination.vmView("vm1").assignedMb()).isEqualTo(4096);
        destination.advance(Duration.ofSeconds(4));
        assertThat(destination.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.OK);
    }

    @Test
    void a_non_converging_migration_fails_and_the_vm_stays() {
        SimulatedHost source = sourceWith("hog", Workload.MEMORY_HOG);
        source.migrateOut("hog", "dst", SimulatedHost.ONE_GBE_MB_PER_S / 4);
        source.advance(Duration.ofMinutes(10));
        assertThat(sourceEvents).filteredOn(e -> e instanceof EngineEvent.MigrationFailed).singleElement()
                .satisfies(e -> assertThat(((EngineEvent.MigrationFailed) e).reason()).contains("did not converge"));
        assertThat(source.vmView("hog").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void a_cut_network_fails_the_migration() {
        SimulatedHost source = sourceWith("vm1", Workload.WEB);
        source.migrateOut("vm1", "dst", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofSeconds(2));
        source.cutMigrationNetwork();
        source.advance(Duration.ofMinutes(2));
        assertThat(sourceEvents).noneMatch(e -> e instanceof EngineEvent.MigratedOut);
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
