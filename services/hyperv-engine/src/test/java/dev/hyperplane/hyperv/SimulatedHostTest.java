package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
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

class SimulatedHostTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU_2004 = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private static final Guest RHEL_59 = Guest.linux(MATRIX.find("RHEL/CentOS", "5.9-5.11").orElseThrow());
    private static final Guest RHEL_64 = Guest.linux(MATRIX.find("RHEL/CentOS", "6.4").orElseThrow());

    private final List<EngineEvent> events = new ArrayList<>();

    private SimulatedHost host(HostVersion version) {
        return new SimulatedHost(new HostSpec("h1", version, 32, 2, 131072, 4096, HostSpec.MigrationSettings.DEFAULT),
                42, MATRIX, events::add);
    }

    /** A host with one 2-vCPU, 2 GB Ubuntu 20.04 VM "vm1", started and run for {@code after}. */
    private SimulatedHost bootedUbuntu(HostVersion version, Duration after) {
        SimulatedHost host = host(version);
        host.define("vm1", vm(UBUNTU_2004, 2, MemorySettings.fixed(2048)));
        host.start("vm1");
        host.advance(after);
        return host;
    }

    private static VmSpec vm(Guest guest, int vcpus, MemorySettings memory) {
        return new VmSpec("web-1", 1, false, vcpus, memory, 1, 1, guest, Workload.WEB);
    }

    private <T extends EngineEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void boot_walks_vmbus_offers_channels_integration_services_and_kvp_in_order() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(UBUNTU_2004, 4, MemorySettings.fixed(2048)));
        host.start("vm1");
        host.advance(Duration.ofSeconds(10));

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + "@" + e.atMillis()).startsWith(
                "VmStateChanged@0", "VmStateChanged@1000", "VmbusConnected@2000", "ChannelsOpened@3000",
                "IntegrationServicesNegotiated@4000", "GuestClockSynced@4000");
        assertThat(eventsOf(EngineEvent.VmbusConnected.class)).singleElement()
                .satisfies(e -> assertThat(e.version()).isEqualTo("3.0"));
        assertThat(eventsOf(EngineEvent.IntegrationServicesNegotiated.class)).singleElement()
                .satisfies(e -> assertThat(e.versions()).containsEntry("TIME_SYNC", "3.0").containsKey("KVP"));
        assertThat(eventsOf(EngineEvent.KvpItemsChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.atMillis()).isEqualTo(8000);
            assertThat(e.intrinsic()).containsEntry("OSName", "Ubuntu").containsEntry("OSVersion", "20.04 LTS")
                    .containsEntry("FullyQualifiedDomainName", "web-1.guests.hyperplane.internal")
                    .containsKey("NetworkAddressIPv4");
        });
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void ws2016_hosts_negotiate_newer_protocols() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2016, Duration.ofSeconds(5));
        assertThat(eventsOf(EngineEvent.VmbusConnected.class).get(0).version()).isEqualTo("4.0");
        assertThat(eventsOf(EngineEvent.IntegrationServicesNegotiated.class).get(0).versions())
                .containsEntry("TIME_SYNC", "4.0");
    }

    @Test
    void heartbeat_goes_ok_then_lost_when_the_guest_hangs_and_back_when_it_recovers() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2012_R2, Duration.ofSeconds(20));
        assertThat(host.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.OK);
        long sequence = host.vmView("vm1").heartbeatSequence();
        assertThat(sequence).isEqualTo(9); // every 2 s from IC negotiation at 4 s up to 20 s

        host.stallHeartbeat("vm1", true);
        host.advance(Duration.ofSeconds(4));
        assertThat(host.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.OK); // 2 misses are tolerated
        host.advance(Duration.ofSeconds(2));
        assertThat(host.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.LOST_COMMUNICATION);
        assertThat(host.vmView("vm1").heartbeatSequence()).isEqualTo(sequence);

        host.stallHeartbeat("vm1", false);
        host.advance(Duration.ofSeconds(2));
        assertThat(eventsOf(EngineEvent.HeartbeatStatusChanged.class)).extracting(EngineEvent.HeartbeatStatusChanged::to)
                .containsExactly(HeartbeatStatus.OK, HeartbeatStatus.LOST_COMMUNICATION, HeartbeatStatus.OK);
    }

    @Test
    void a_hung_guest_reset_by_the_host_boots_with_its_heartbeat_back() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2016, Duration.ofSeconds(20));
        host.stallHeartbeat("vm1", true);
        host.advance(Duration.ofSeconds(8));
        assertThat(host.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.LOST_COMMUNICATION);

        host.restart("vm1");
        host.advance(Duration.ofSeconds(20));
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(host.vmView("vm1").heartbeat()).as("the hang ended with the reset").isEqualTo(HeartbeatStatus.OK);
    }

    @Test
    void graceful_shutdown_uses_the_shutdown_service_and_takes_its_time() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2012_R2, Duration.ofSeconds(10));
        host.shutDown("vm1", false);
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.STOPPING);
        host.advance(Duration.ofSeconds(5));
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.OFF);
        assertThat(host.vmView("vm1").assignedMb()).isZero();
        assertThat(host.freeMemoryMb()).isEqualTo(131072 - 4096);
    }

    @Test
    void a_guest_still_booting_cannot_shut_down_gracefully_but_can_be_forced() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2012_R2, Duration.ofSeconds(2));
        assertThatThrownBy(() -> host.shutDown("vm1", false)).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("shutdown integration service is not running");
        host.shutDown("vm1", true);
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.OFF);
    }

    @Test
    void a_stopped_kvp_daemon_takes_the_guest_info_away() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2012_R2, Duration.ofSeconds(10));
        assertThat(host.vmView("vm1").intrinsicKvp()).isNotEmpty();
        host.stopKvpDaemon("vm1");
        assertThat(host.vmView("vm1").intrinsicKvp()).isEmpty();
        assertThat(eventsOf(EngineEvent.KvpItemsChanged.class)).last()
                .satisfies(e -> assertThat(e.intrinsic()).isEmpty());
    }

    @Test
    void guests_without_kvp_report_no_guest_info_and_refuse_kvp_writes() {
        Guest debian7 = Guest.linux(MATRIX.find("Debian", "7.0-7.11 (Wheezy)").orElseThrow());
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(debian7, 2, MemorySettings.fixed(2048)));
        host.start("vm1");
        host.advance(Duration.ofSeconds(10));
        assertThat(host.vmView("vm1").intrinsicKvp()).isEmpty();
        assertThatThrownBy(() -> host.setKvp("vm1", "k", "v")).isInstanceOf(CommandRejected.class)
                .satisfies(e -> assertThat(((CommandRejected) e).feature()).isEqualTo(Feature.KVP));
    }

    @Test
    void time_sync_steps_the_clock_at_boot_and_keeps_it_within_accuracy() {
        SimulatedHost old = host(HostVersion.WS2012_R2);
        old.define("vm1", vm(UBUNTU_2004, 2, MemorySettings.fixed(2048)));
        old.start("vm1");
        old.advance(Duration.ofHours(1));
        assertThat(Math.abs(old.vmView("vm1").guestClockOffsetMs())).isLessThanOrEqualTo(10.0);

        events.clear();
        SimulatedHost ws2016 = host(HostVersion.WS2016);
        ws2016.define("vm1", vm(UBUNTU_2004, 2, MemorySettings.fixed(2048)));
        ws2016.start("vm1");
        ws2016.advance(Duration.ofHours(1));
        assertThat(Math.abs(ws2016.vmView("vm1").guestClockOffsetMs())).isLessThanOrEqualTo(1.0);
    }

    @Test
    void without_time_sync_the_guest_clock_drifts() {
        Guest noCore = Guest.linux(MATRIX.find("Oracle Linux", "6.4").orElseThrow()); // Core blank in the 2017 table
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(noCore, 2, MemorySettings.fixed(2048)));
        host.start("vm1");
        host.advance(Duration.ofHours(1));
        // 5-50 ppm over an hour: 18-180 ms
        assertThat(host.vmView("vm1").guestClockOffsetMs()).isBetween(18.0, 180.0);
        assertThat(host.vmView("vm1").heartbeat()).isEqualTo(HeartbeatStatus.NO_CONTACT);
    }

    @Test
    void generation_2_needs_uefi_boot_support_in_the_guest() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        var gen2 = new VmSpec("db", 2, false, 2, MemorySettings.fixed(2048), 1, 1, RHEL_59, Workload.IDLE);
        assertThatThrownBy(() -> host.define("vm1", gen2)).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("UEFI_BOOT is not supported by RHEL/CentOS 5.9-5.11")
                .satisfies(e -> assertThat(((CommandRejected) e).feature()).isEqualTo(Feature.UEFI_BOOT));
    }

    @Test
    void linux_secure_boot_needs_a_ws2016_host() {
        var secure = new VmSpec("db", 2, true, 2, MemorySettings.fixed(2048), 1, 1, UBUNTU_2004, Workload.IDLE);
        assertThatThrownBy(() -> host(HostVersion.WS2012_R2).define("vm1", secure))
                .hasMessageContaining("SECURE_BOOT needs a Windows Server 2016 or newer host");
        host(HostVersion.WS2016).define("vm1", secure);
    }

    @Test
    void dynamic_memory_needs_a_balloon_driver_and_128_mb_multiples_for_linux() {
        Guest debian7 = Guest.linux(MATRIX.find("Debian", "7.0-7.11 (Wheezy)").orElseThrow());
        SimulatedHost host = host(HostVersion.WS2012_R2);
        assertThatThrownBy(() -> host.define("a", vm(debian7, 2, MemorySettings.dynamic(1024, 512, 4096, 20, 50))))
                .satisfies(e -> assertThat(((CommandRejected) e).feature()).isEqualTo(Feature.DM_BALLOON));
        assertThatThrownBy(() -> host.define("b", vm(UBUNTU_2004, 2, MemorySettings.dynamic(1000, 512, 4096, 20, 50))))
                .hasMessageContaining("multiples of 128 MB");
        assertThatThrownBy(() -> host.define("c", vm(UBUNTU_2004, 2, MemorySettings.dynamic(1024, 512, 4096, 3, 50))))
                .hasMessageContaining("buffer must be 5-2000 %");
        host.define("d", vm(RHEL_64, 2, MemorySettings.dynamic(1024, 512, 4096, 20, 50))); // balloon-only is allowed
    }

    @Test
    void a_vm_starts_only_when_its_startup_memory_fits() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("big", vm(UBUNTU_2004, 2, MemorySettings.fixed(120_000)));
        host.define("more", vm(UBUNTU_2004, 2, MemorySettings.fixed(8192)));
        host.start("big");
        assertThatThrownBy(() -> host.start("more")).hasMessageContaining("has 6976 MB free");
    }

    @Test
    void save_releases_memory_and_resume_syncs_the_clock() {
        SimulatedHost host = bootedUbuntu(HostVersion.WS2012_R2, Duration.ofSeconds(10));
        host.save("vm1");
        host.advance(Duration.ofSeconds(2));
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.SAVED);
        assertThat(host.vmView("vm1").assignedMb()).isZero();
        host.resume("vm1");
        host.advance(Duration.ofSeconds(2));
        assertThat(host.vmView("vm1").state()).isEqualTo(VmState.RUNNING);
        assertThat(eventsOf(EngineEvent.GuestClockSynced.class)).hasSize(2);
    }

    @Test
    void illegal_transitions_are_refused_with_the_state() {
        SimulatedHost host = host(HostVersion.WS2012_R2);
        host.define("vm1", vm(UBUNTU_2004, 2, MemorySettings.fixed(2048)));
        assertThatThrownBy(() -> host.pause("vm1")).hasMessage("VM vm1 is OFF and cannot go to PAUSED");
        host.start("vm1");
        assertThatThrownBy(() -> host.delete("vm1")).hasMessageContaining("turn it off");
    }

    @ParameterizedTest(name = "{0} vCPUs: {1} NIC channels on {2} distinct vCPUs, {3} SCSI channels")
    @CsvSource({
            "1,  1, 1, 1",
            "4,  4, 4, 2",
            "8,  8, 8, 3",
            "16, 8, 8, 5",
    })
    void vrss_and_storvsc_spread_channels_over_vcpus(int vcpus, int nicChannels, int distinctCpus, int scsiChannels) {
        var channels = ChannelLayout.of("vm1", vm(UBUNTU_2004, vcpus, MemorySettings.fixed(2048)),
                HostVersion.WS2012_R2, MATRIX);
        var nic = channels.stream().filter(c -> c.device() == DeviceClass.NETWORK).toList();
        assertThat(nic).hasSize(nicChannels);
        assertThat(nic.stream().map(Channel::targetVcpu).distinct().count()).isEqualTo(distinctCpus);
        assertThat(nic.stream().map(Channel::instanceId).distinct().count()).isOne();
        assertThat(channels.stream().filter(c -> c.device() == DeviceClass.SCSI)).hasSize(scsiChannels);
        assertThat(channels.stream().filter(c -> !c.device().performance())).allMatch(c -> c.targetVcpu() == 0);
    }

    @Test
    void guests_without_vrss_keep_everything_on_vcpu_0() {
        var channels = ChannelLayout.of("vm1", vm(RHEL_64, 8, MemorySettings.fixed(2048)), HostVersion.WS2012_R2, MATRIX);
        assertThat(channels).allMatch(c -> c.targetVcpu() == 0 && c.primary());
    }

    @Test
    void the_same_seed_gives_the_same_events() {
        List<EngineEvent> first = run(7);
        List<EngineEvent> second = run(7);
        assertThat(second).isEqualTo(first);
    }

    private List<EngineEvent> run(long seed) {
        List<EngineEvent> out = new ArrayList<>();
        SimulatedHost host = new SimulatedHost(new HostSpec("h", HostVersion.WS2019, 16, 1, 65536, 2048,
                HostSpec.MigrationSettings.DEFAULT), seed, MATRIX, out::add);
        for (int i = 0; i < 5; i++) {
            host.define("vm" + i, vm(UBUNTU_2004, 2, MemorySettings.fixed(2048)));
            host.start("vm" + i);
            host.advance(Duration.ofSeconds(3));
        }
        host.stallHeartbeat("vm2", true);
        host.advance(Duration.ofMinutes(10));
        out.add(new EngineEvent.GuestClockSynced(host.now(), "offset",
                Math.round(host.vmView("vm3").guestClockOffsetMs() * 1000)));
        return out;
    }
}
