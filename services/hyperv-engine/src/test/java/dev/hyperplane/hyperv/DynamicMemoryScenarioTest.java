package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dynamic Memory on the virtual clock: hv_balloon protocol and the host's per-second balancer. */
class DynamicMemoryScenarioTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private static final Guest RHEL_64 = Guest.linux(MATRIX.find("RHEL/CentOS", "6.4").orElseThrow());

    private final List<EngineEvent> events = new ArrayList<>();

    private SimulatedHost host(long memoryMb) {
        return new SimulatedHost(new HostSpec("h1", HostVersion.WS2012_R2, 32, 2, memoryMb, 2048,
                HostSpec.MigrationSettings.DEFAULT), 11, MATRIX, events::add);
    }

    private static VmSpec dm(String name, Guest guest, long startup, long min, long max, int priority, Workload load) {
        return new VmSpec(name, 1, false, 2, MemorySettings.dynamic(startup, min, max, 20, priority), 1, 1, guest, load);
    }

    private List<EngineEvent.MemoryMoved> moves(String vmId, String kind) {
        return events.stream().filter(e -> e instanceof EngineEvent.MemoryMoved m && m.vmId().equals(vmId)
                && m.kind().equals(kind)).map(EngineEvent.MemoryMoved.class::cast).toList();
    }

    @Test
    void nothing_moves_before_the_first_status_report_45_s_after_the_driver_loads() {
        SimulatedHost host = host(65536);
        host.define("idle", dm("idle", UBUNTU, 4096, 512, 8192, 50, Workload.IDLE));
        host.start("idle");
        host.advance(Duration.ofSeconds(47));
        assertThat(events).noneMatch(e -> e instanceof EngineEvent.MemoryMoved);
        assertThat(host.vmView("idle").assignedMb()).isEqualTo(4096);
        host.advance(Duration.ofSeconds(2));
        assertThat(moves("idle", "balloon")).isNotEmpty().allSatisfy(m -> assertThat(m.atMillis()).isGreaterThanOrEqualTo(48_000));
    }

    @Test
    void an_idle_linux_vm_is_ballooned_down_in_2_mb_granules_but_not_below_its_floor() {
        SimulatedHost host = host(65536);
        host.define("idle", dm("idle", UBUNTU, 4096, 512, 8192, 50, Workload.IDLE));
        host.start("idle");
        host.advance(Duration.ofMinutes(5));
        VmView vm = host.vmView("idle");
        assertThat(vm.assignedMb()).isLessThan(4096).isGreaterThanOrEqualTo(512);
        assertThat(moves("idle", "balloon")).allSatisfy(m -> {
            assertThat(m.movedMb() % 2).isZero();
            assertThat(m.movedMb()).isLessThanOrEqualTo(m.requestedMb());
        });
        assertThat(moves("idle", "balloon")).anyMatch(m -> m.movedMb() < m.requestedMb()); // partial responses
        assertThat(vm.balloonedMb()).isEqualTo(4096 - vm.assignedMb());
        // committed includes the Linux floor (232 + 4096/16 = 488 MB): the VM keeps at least that much
        assertThat(vm.assignedMb()).isGreaterThanOrEqualTo(488);
    }

    @Test
    void a_memory_hog_grows_by_hot_add_up_to_its_maximum() {
        SimulatedHost host = host(65536);
        host.define("hog", dm("hog", UBUNTU, 2048, 1024, 6144, 50, Workload.MEMORY_HOG));
        host.start("hog");
        host.advance(Duration.ofMinutes(10));
        assertThat(moves("hog", "hot-add")).isNotEmpty().allSatisfy(m -> assertThat(m.movedMb() % 2).isZero());
        assertThat(events).filteredOn(e -> e instanceof EngineEvent.MemoryMoved)
                .allSatisfy(e -> assertThat(((EngineEvent.MemoryMoved) e).assignedMb()).isBetween(1024L, 6144L));
        assertThat(host.vmView("hog").assignedMb()).isGreaterThan(2048);
    }

    @Test
    void a_balloon_only_guest_never_grows_past_startup() {
        SimulatedHost host = host(65536);
        host.define("old", dm("old", RHEL_64, 2048, 512, 8192, 50, Workload.MEMORY_HOG));
        host.start("old");
        int maxPressure = 0;
        for (int i = 0; i < 60; i++) {
            host.advance(Duration.ofSeconds(10));
            maxPressure = Math.max(maxPressure, host.vmView("old").pressure());
            assertThat(host.vmView("old").assignedMb()).isLessThanOrEqualTo(2048);
        }
        assertThat(moves("old", "hot-add")).isEmpty();
        assertThat(maxPressure).isGreaterThan(100); // starved at times: why Microsoft says set startup = maximum
    }

    @Test
    void a_permanent_hot_add_failure_is_reported_once_and_hot_add_stops() {
        SimulatedHost host = host(65536);
        host.define("hog", dm("hog", UBUNTU, 2048, 1024, 6144, 50, Workload.MEMORY_HOG));
        host.failHotAdd("hog");
        host.start("hog");
        host.advance(Duration.ofMinutes(10));
        assertThat(events).filteredOn(e -> e instanceof EngineEvent.HotAddFailed).singleElement()
                .satisfies(e -> assertThat(((EngineEvent.HotAddFailed) e).permanent()).isTrue());
        assertThat(moves("hog", "hot-add")).isEmpty();
    }

    @Test
    void under_contention_the_higher_priority_vm_gets_more_memory() {
        // 16 GB host, 2 GB root reserve: 14 GB for two hogs that would each take up to 12 GB
        SimulatedHost host = host(16384);
        host.define("gold", dm("gold", UBUNTU, 4096, 1024, 12288, 90, Workload.MEMORY_HOG));
        host.define("bronze", dm("bronze", UBUNTU, 4096, 1024, 12288, 10, Workload.MEMORY_HOG));
        host.start("gold");
        host.start("bronze");
        host.advance(Duration.ofMinutes(15));
        assertThat(host.vmView("gold").pressure()).isLessThan(host.vmView("bronze").pressure());
        assertThat(host.freeMemoryMb()).isGreaterThanOrEqualTo(0);
        assertThat(host.vmView("gold").assignedMb() + host.vmView("bronze").assignedMb()).isLessThanOrEqualTo(16384 - 2048);
    }

    @Test
    void static_vms_keep_exactly_their_memory() {
        SimulatedHost host = host(65536);
        host.define("fixed", new VmSpec("fixed", 1, false, 2, MemorySettings.fixed(4096), 1, 1, UBUNTU, Workload.IDLE));
        host.start("fixed");
        host.advance(Duration.ofMinutes(5));
        assertThat(host.vmView("fixed").assignedMb()).isEqualTo(4096);
        assertThat(events).noneMatch(e -> e instanceof EngineEvent.MemoryMoved);
    }

    @Test
    void smart_paging_bridges_a_restart_on_a_full_host_and_the_balloon_removes_it() {
        SimulatedHost host = host(9216); // 7 GB for VMs
        host.define("web", dm("web", UBUNTU, 4096, 1024, 4096, 50, Workload.IDLE));
        host.define("filler", new VmSpec("filler", 1, false, 2, MemorySettings.fixed(4096), 1, 1, UBUNTU, Workload.IDLE));
        host.start("web");
        host.advance(Duration.ofMinutes(3)); // web ballooned down
        host.start("filler");
        assertThat(host.freeMemoryMb() + host.vmView("web").assignedMb()).isLessThan(4096);
        host.restart("web");
        assertThat(events).anyMatch(e -> e instanceof EngineEvent.SmartPagingStarted);
        assertThat(host.vmView("web").smartPagingMb()).isPositive();
        host.advance(Duration.ofMinutes(10));
        assertThat(host.vmView("web").smartPagingMb()).isZero();
        assertThat(events).anyMatch(e -> e instanceof EngineEvent.SmartPagingEnded);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"save", "turn off"})
    void saving_or_turning_off_a_vm_on_smart_paging_ends_the_paging_and_frees_the_host(String how) {
        SimulatedHost host = host(9216); // 7 GB for VMs
        host.define("web", dm("web", UBUNTU, 4096, 1024, 4096, 50, Workload.IDLE));
        host.define("filler", new VmSpec("filler", 1, false, 2, MemorySettings.fixed(4096), 1, 1, UBUNTU, Workload.IDLE));
        host.start("web");
        host.advance(Duration.ofMinutes(3));
        host.start("filler");
        host.restart("web");
        host.advance(Duration.ofSeconds(2)); // running again, still on the paging file
        assertThat(host.vmView("web").state()).isEqualTo(VmState.RUNNING);
        assertThat(host.vmView("web").smartPagingMb()).isPositive();

        if (how.equals("save")) {
            host.save("web");
        } else {
            host.turnOff("web");
        }
        host.advance(Duration.ofSeconds(30));

        assertThat(host.vmView("web").smartPagingMb()).isZero();
        assertThat(host.vmView("web").assignedMb()).isZero();
        assertThat(events).anyMatch(e -> e instanceof EngineEvent.SmartPagingEnded ended && ended.vmId().equals("web"));
        assertThat(host.freeMemoryMb()).as("only the filler holds memory").isEqualTo(7168 - 4096);
    }

    @Test
    void a_guest_whose_workload_outgrows_what_it_holds_runs_out_of_memory_once_per_episode() {
        SimulatedHost host = host(65536);
        host.define("static", new VmSpec("static", 1, false, 2, MemorySettings.fixed(2048), 1, 1, UBUNTU,
                Workload.IDLE));
        host.define("dynamic", dm("dynamic", UBUNTU, 2048, 1024, 16384, 50, Workload.IDLE));
        host.start("static");
        host.start("dynamic");
        host.advance(Duration.ofMinutes(2));
        assertThat(events).noneMatch(e -> e instanceof EngineEvent.GuestOutOfMemory);

        // both now commit 6 GB at once: that outruns hot-add too, but only the static VM stays out of memory
        host.setWorkload("static", Workload.memoryHog(2048, 6144));
        host.setWorkload("dynamic", Workload.memoryHog(2048, 6144));
        host.advance(Duration.ofMinutes(2));
        assertThat(events).filteredOn(e -> e instanceof EngineEvent.GuestOutOfMemory)
                .extracting(EngineEvent::vmId).containsExactlyInAnyOrder("static", "dynamic"); // once per episode
        assertThat(host.vmView("static").assignedMb()).isEqualTo(2048);
        assertThat(host.vmView("dynamic").assignedMb()).isGreaterThan(6144);
    }
}
