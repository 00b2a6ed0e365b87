package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemorySettingsChangeTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private final List<EngineEvent> events = new ArrayList<>();

    private SimulatedHost host(HostVersion version) {
        return new SimulatedHost(new HostSpec("h1", version, 16, 1, 65536, 2048, HostSpec.MigrationSettings.DEFAULT),
                1, MATRIX, events::add);
    }

    private static VmSpec vm(MemorySettings memory) {
        return new VmSpec("vm", 1, false, 2, memory, 1, 1, UBUNTU, Workload.IDLE);
    }

    @Test
    void a_running_dm_vm_may_raise_its_maximum_and_lower_its_minimum_on_any_host() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(MemorySettings.dynamic(2048, 1024, 4096, 20, 50)));
        host.start("vm1");
        host.setMemory("vm1", MemorySettings.dynamic(2048, 512, 8192, 20, 50));
        assertThat(host.vmView("vm1").spec().memory().maximumMb()).isEqualTo(8192);
        assertThat(events).anyMatch(e -> e instanceof EngineEvent.MemorySettingsChanged);
    }

    @Test
    void resizing_static_memory_while_running_needs_runtime_resize_on_a_ws2016_host() {
        SimulatedHost r2 = host(HostVersion.WS2012_R2);
        r2.define("vm1", vm(MemorySettings.fixed(2048)));
        r2.start("vm1");
        assertThatThrownBy(() -> r2.setMemory("vm1", MemorySettings.fixed(4096)))
                .satisfies(e -> assertThat(((CommandRejected) e).feature()).isEqualTo(Feature.RUNTIME_RESIZE))
                .hasMessageContaining("Windows Server 2016 or newer host");

        SimulatedHost ws2016 = host(HostVersion.WS2016);
        ws2016.define("vm1", vm(MemorySettings.fixed(2048)));
        ws2016.start("vm1");
        ws2016.setMemory("vm1", MemorySettings.fixed(4096));
        assertThat(ws2016.vmView("vm1").assignedMb()).isEqualTo(4096);
    }

    @Test
    void dynamic_memory_is_switched_on_only_while_off_and_then_balances() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(MemorySettings.fixed(4096)));
        host.start("vm1");
        assertThatThrownBy(() -> host.setMemory("vm1", MemorySettings.dynamic(4096, 512, 8192, 20, 50)))
                .hasMessageContaining("only be switched on or off while VM vm1 is off");
        host.turnOff("vm1");
        host.setMemory("vm1", MemorySettings.dynamic(4096, 512, 8192, 20, 50));
        host.start("vm1");
        host.advance(Duration.ofMinutes(3));
        assertThat(host.vmView("vm1").assignedMb()).isLessThan(4096); // idle: ballooned down
    }

    @Test
    void thirty_two_bit_guests_get_no_dynamic_memory_and_64_bit_only_series_refuse_them() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        var rhel6 = MATRIX.find("RHEL/CentOS", "6.8-6.10").orElseThrow();
        assertThat(MATRIX.cell(rhel6, Feature.PAE).supported()).isTrue();
        assertThatThrownBy(() -> host.define("a", new VmSpec("a", 1, false, 2,
                MemorySettings.dynamic(2048, 512, 4096, 20, 50), 1, 1, Guest.linux32(rhel6), Workload.IDLE)))
                .hasMessageContaining("needs a 64-bit Linux guest");
        host.define("b", new VmSpec("b", 1, false, 2, MemorySettings.fixed(2048), 1, 1, Guest.linux32(rhel6),
                Workload.IDLE));

        var rhel8 = MATRIX.find("RHEL/CentOS", "8.0").orElseThrow();
        assertThatThrownBy(() -> host.define("c", new VmSpec("c", 1, false, 2, MemorySettings.fixed(2048), 1, 1,
                Guest.linux32(rhel8), Workload.IDLE))).hasMessageContaining("ships only 64-bit kernels");
    }

    @Test
    void dm_status_reports_become_events_only_when_asked() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(MemorySettings.dynamic(2048, 512, 4096, 20, 50)));
        host.start("vm1");
        host.advance(Duration.ofSeconds(60));
        assertThat(events).noneMatch(e -> e instanceof EngineEvent.DmStatusReported);
        host.reportDmStatus(true);
        host.advance(Duration.ofSeconds(5));
        assertThat(events).filteredOn(e -> e instanceof EngineEvent.DmStatusReported).hasSize(5)
                .allSatisfy(e -> assertThat(((EngineEvent.DmStatusReported) e).committedMb()).isPositive());
    }
}
