package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorCountTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private final List<EngineEvent> events = new ArrayList<>();
    private final SimulatedHost host = new SimulatedHost(
            new HostSpec("h1", HostVersion.WS2019, 16, 1, 65536, 2048, HostSpec.MigrationSettings.DEFAULT),
            1, MATRIX, events::add);

    private void define(int vcpus) {
        host.define("vm1", new VmSpec("vm", 2, false, vcpus, MemorySettings.fixed(2048), 1, 1, UBUNTU,
                Workload.IDLE));
    }

    @Test
    void an_off_vm_gets_the_new_count_and_its_channels_spread_over_it() {
        define(2);
        host.setProcessorCount("vm1", 8);
        assertThat(host.vmView("vm1").spec().vcpus()).isEqualTo(8);
        assertThat(events).contains(new EngineEvent.ProcessorCountChanged(0, "vm1", 8));
        // before, every interrupt went to vCPU 0 or 1; now some reach the new vCPUs
        assertThat(host.vmView("vm1").channels()).extracting(Channel::targetVcpu)
                .allMatch(vcpu -> vcpu >= 0 && vcpu < 8)
                .anyMatch(vcpu -> vcpu >= 2);
    }

    @Test
    void a_running_vm_keeps_its_count() {
        define(2);
        host.start("vm1");
        assertThatThrownBy(() -> host.setProcessorCount("vm1", 4)).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("only change while it is off");
        assertThat(host.vmView("vm1").spec().vcpus()).isEqualTo(2);
    }

    @Test
    void the_count_stays_within_the_hosts_logical_processors() {
        define(2);
        assertThatThrownBy(() -> host.setProcessorCount("vm1", 17)).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("1-16");
        assertThatThrownBy(() -> host.setProcessorCount("vm1", 0)).isInstanceOf(CommandRejected.class);
    }
}
