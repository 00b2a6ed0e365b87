package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.HostVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The numbers a simulator must share with the real drivers (the Linux kernel's hv drivers). */
class ProtocolConstantsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "NETWORK,        f8615163-df3e-46c5-913f-f2d2f965ed0e",
            "SCSI,           ba6163d9-04a1-4d29-b605-72e2ffb1dc7f",
            "SHUTDOWN,       0e0b6031-5213-4934-818b-38d90ced39db",
            "TIME_SYNC,      9527e630-d0ae-497b-adce-e80ab0175caf",
            "HEARTBEAT,      57164f39-9115-4e78-ab55-382f3bd5422d",
            "KVP,            a9a0f4e7-5a45-4d96-b827-8a841e8c03e6",
            "DYNAMIC_MEMORY, 525074dc-8985-46e2-8057-a307dc18a502",
            "VSS,            35fa2e29-ea23-4236-96ae-3a6ebacba440",
            "FILE_COPY,      34d14be3-dee4-41c8-9ae7-6b174977c192",
            "VIDEO,          da0a7802-e377-4aac-8e77-0558eb1073f8",
            "MOUSE,          cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a",
            "KEYBOARD,       f912ad6d-2b17-48ea-bd65-f927a61c7684",
    })
    void device_class_guids_are_the_kernels(DeviceClass device, String guid) {
        assertThat(device.classId().toString()).isEqualTo(guid);
    }

    @ParameterizedTest(name = "{0}: VMBus {1}, time sync {2}, hv_balloon {3}, video {4}")
    @CsvSource({
            "WS2012,    2.4, 3.0, 1.0, 3.2",
            "WS2012_R2, 3.0, 3.0, 1.0, 3.2",
            "WS2016,    4.0, 4.0, 2.0, 3.5",
            "WS2019,    5.2, 4.0, 2.0, 3.5",
            "WS2022,    5.3, 4.0, 2.0, 3.5",
    })
    void host_versions_speak_the_documented_protocols(HostVersion host, String vmbus, String timeSync, String dm,
                                                      String video) {
        assertThat(host.vmbusVersionText()).isEqualTo(vmbus);
        assertThat(host.timeSyncIc()).isEqualTo(timeSync);
        assertThat(host.dmProtocol()).isEqualTo(dm);
        assertThat(host.videoProtocol()).isEqualTo(video);
    }

    @Test
    void only_vmbus_3_and_later_support_the_reconnect_kdump_needs() {
        assertThat(HostVersion.WS2012.supportsVmbusReconnect()).isFalse();
        assertThat(HostVersion.WS2012_R2.supportsVmbusReconnect()).isTrue();
    }

    @ParameterizedTest(name = "{0} MB RAM -> floor {1} MB")
    @CsvSource({"64, 40", "256, 104", "1024, 232", "4096, 488", "32768, 1512"})
    void the_linux_balloon_floor_follows_the_kernel_formula(long ramMb, long floorMb) {
        assertThat(BalloonDriver.floorMb(ramMb)).isEqualTo(floorMb);
    }

    @Test
    void memory_moves_in_2_mb_granules_and_128_mb_sections() {
        assertThat(BalloonDriver.GRANULE_MB).isEqualTo(2);
        assertThat(BalloonDriver.HOT_ADD_SECTION_MB).isEqualTo(128);
        assertThat(ChannelLayout.VRSS_CHANNEL_DEFAULT).isEqualTo(8);
        assertThat(ChannelLayout.STORVSC_VCPUS_PER_SUB_CHANNEL).isEqualTo(4);
        assertThat(SimulatedVm.HEARTBEAT_PERIOD_MS).isEqualTo(2000);
        assertThat(BootTimeline.DM_FIRST_STATUS - BootTimeline.CHANNELS_OPENED).isEqualTo(45_000);
    }
}
