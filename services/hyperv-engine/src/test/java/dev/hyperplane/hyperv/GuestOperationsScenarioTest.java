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

/** kdump, synthetic video, file copy and power loss on the virtual clock (backups: {@link BackupTest}). */
class GuestOperationsScenarioTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private static final Guest DEBIAN_7 = Guest.linux(MATRIX.find("Debian", "7.0-7.11 (Wheezy)").orElseThrow());

    private final List<EngineEvent> events = new ArrayList<>();

    private SimulatedHost runningVm(HostVersion version, Guest guest) {
        SimulatedHost host = new SimulatedHost(new HostSpec("h1", version, 16, 1, 65536, 2048,
                HostSpec.MigrationSettings.DEFAULT), 5, MATRIX, events::add);
        host.define("vm1", new VmSpec("app", 1, false, 2, MemorySettings.fixed(4096), 1, 1, guest, Workload.WEB));
        host.start("vm1");
        host.advance(Duration.ofSeconds(20));
        return host;
    }

    private <T extends EngineEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void kdump_captures_a_dump_on_a_2012_r2_host_and_the_vm_reboots() {
        SimulatedHost host = runningVm(HostVersion.WS2012_R2, UBUNTU);
        host.panic("vm1");
        host.advance(Duration.ofSeconds(30));
        assertThat(eventsOf(EngineEvent.CrashDumpCaptured.class)).singleElement()
                .satisfies(e -> assertThat(e.dumpMb()).isEqualTo(64 + 4096 / 16));
        assertThat(eventsOf(EngineEvent.HeartbeatStatusChanged.class)).extracting(EngineEvent.HeartbeatStatusChanged::to)
                .contains(HeartbeatStatus.LOST_COMMUNICATION);
        assertThat(eventsOf(EngineEvent.VmStateChanged.class)).extracting(EngineEvent.VmStateChanged::to)
                .containsSubsequence(VmState.RESETTING, VmState.STARTING, VmState.RUNNING);
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void kdump_cannot_reach_its_disk_on_a_2012_host_the_guest_hangs_then_resets() {
        SimulatedHost host = runningVm(HostVersion.WS2012, UBUNTU);
        host.panic("vm1");
        host.advance(Duration.ofSeconds(59));
        assertThat(eventsOf(EngineEvent.CrashDumpFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("does not support reconnect").contains("VMBus 2.4"));
        assertThat(eventsOf(EngineEvent.VmStateChanged.class)).noneMatch(e -> e.to() == VmState.RESETTING);
        host.advance(Duration.ofSeconds(1));
        assertThat(eventsOf(EngineEvent.CrashDumpCaptured.class)).isEmpty();
        assertThat(eventsOf(EngineEvent.VmStateChanged.class)).anyMatch(e -> e.to() == VmState.RESETTING);
    }

    @Test
    void video_resolutions_depend_on_the_host_and_the_guest_driver_takes_the_pointer() {
        SimulatedHost r2 = runningVm(HostVersion.WS2012_R2, UBUNTU);
        assertThat(r2.vmView("vm1").hostDrawsPointer()).isFalse(); // hyperv_fb sent its 1x1 pointer shape
        r2.setVideoResolution("vm1", 1920, 1080);
        assertThatThrownBy(() -> r2.setVideoResolution("vm1", 3840, 2160)).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("not offered by video protocol 3.2");
        SimulatedHost ws2016 = runningVm(HostVersion.WS2016, UBUNTU);
        ws2016.setVideoResolution("vm1", 3840, 2160);
        assertThat(ws2016.vmView("vm1").videoWidth()).isEqualTo(3840);
    }

    @Test
    void a_guest_without_the_video_driver_shows_two_pointers_and_cannot_change_resolution() {
        SimulatedHost host = runningVm(HostVersion.WS2012_R2, DEBIAN_7);
        assertThat(host.vmView("vm1").hostDrawsPointer()).isTrue();
        assertThatThrownBy(() -> host.setVideoResolution("vm1", 1280, 1024))
                .satisfies(e -> assertThat(((CommandRejected) e).feature()).isEqualTo(Feature.HV_VIDEO));
    }

    @Test
    void file_copy_sends_6_kb_fragments_and_refuses_to_overwrite_unless_asked() {
        SimulatedHost host = runningVm(HostVersion.WS2012_R2, UBUNTU);
        host.copyFile("vm1", "/etc/motd", 10_000, false);
        assertThat(eventsOf(EngineEvent.FileCopied.class)).singleElement()
                .satisfies(e -> assertThat(e.fragments()).isEqualTo(2));
        assertThatThrownBy(() -> host.copyFile("vm1", "/etc/motd", 10, false)).hasMessageContaining("overwrite");
        host.copyFile("vm1", "/etc/motd", 10, true);
        SimulatedHost old = runningVm(HostVersion.WS2012_R2, DEBIAN_7);
        assertThatThrownBy(() -> old.copyFile("vm1", "/x", 1, false))
                .satisfies(e -> assertThat(((CommandRejected) e).feature()).isEqualTo(Feature.FCOPY));
    }

    @Test
    void power_loss_turns_every_vm_off_with_the_reason() {
        SimulatedHost host = runningVm(HostVersion.WS2012_R2, UBUNTU);
        host.powerLoss();
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.OFF);
        assertThat(eventsOf(EngineEvent.VmStateChanged.class)).last()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("host power loss"));
        assertThat(host.freeMemoryMb()).isEqualTo(65536 - 2048);
    }
}
