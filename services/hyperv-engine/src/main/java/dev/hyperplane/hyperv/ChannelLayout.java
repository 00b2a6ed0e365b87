package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which VMBus channels a VM's guest opens and on which vCPUs their interrupts land (channel_mgmt.c
 * {@code init_vp_index}, netvsc vRSS, storvsc multi-channel):
 * <ul>
 *   <li>non-performance devices (integration services, video, input) stay on vCPU 0;</li>
 *   <li>performance devices (NIC, SCSI) get their primary and sub-channels spread over the vCPUs, never reusing a
 *       vCPU until all are used;</li>
 *   <li>a synthetic NIC gets min(vCPUs, 8) channels (VRSS_CHANNEL_DEFAULT) when host and guest do vRSS;</li>
 *   <li>the SCSI controller gets one sub-channel per 4 vCPUs (storvsc_vcpus_per_sub_channel) under the same
 *       condition (the tables have no storvsc row; vRSS support is used as the sign of a multi-channel era guest);</li>
 *   <li>without multi-channel support everything is one channel per device on vCPU 0.</li>
 * </ul>
 * Instance ids are derived from the VM id, so layouts are deterministic.
 */
public final class ChannelLayout {
    static final int VRSS_CHANNEL_DEFAULT = 8;
    static final int STORVSC_VCPUS_PER_SUB_CHANNEL = 4;

    public static List<Channel> of(String vmId, VmSpec spec, HostVersion host, LisMatrix matrix) {
        Guest guest = spec.guest();
        boolean spread = host.supportsMultiChannel() && guest.supports(Feature.VRSS, host, matrix);
        List<Channel> channels = new ArrayList<>();
        CpuCursor cpus = new CpuCursor(spread ? spec.vcpus() : 1);
        for (DeviceClass device : DeviceClass.values()) {
            if (!opens(device, spec, host, matrix)) {
                continue;
            }
            int count = device == DeviceClass.NETWORK ? spec.nics() : 1; // one SCSI controller for all disks
            for (int unit = 0; unit < count; unit++) {
                UUID instance = UUID.nameUUIDFromBytes((vmId + "/" + device + "/" + unit).getBytes());
                int total = channelsPerDevice(device, spec.vcpus(), spread);
                for (int index = 0; index < total; index++) {
                    int cpu = device.performance() ? cpus.next() : 0;
                    channels.add(new Channel(device, instance, index, cpu));
                }
            }
        }
        return channels;
    }

    private static boolean opens(DeviceClass device, VmSpec spec, HostVersion host, LisMatrix matrix) {
        if (device == DeviceClass.SCSI && spec.disks() == 0 || device == DeviceClass.NETWORK && spec.nics() == 0) {
            return false;
        }
        if (device == DeviceClass.DYNAMIC_MEMORY && !spec.memory().dynamic()) {
            return false;
        }
        return spec.guest().supports(device.guestFeature(), host, matrix);
    }

    private static int channelsPerDevice(DeviceClass device, int vcpus, boolean spread) {
        if (!spread) {
            return 1;
        }
        return switch (device) {
            case NETWORK -> Math.min(vcpus, VRSS_CHANNEL_DEFAULT);
            case SCSI -> 1 + vcpus / STORVSC_VCPUS_PER_SUB_CHANNEL;
            default -> 1;
        };
    }

    /** Hands out vCPUs round-robin, each once before any is reused. */
    private static final class CpuCursor {
        private final int vcpus;
        private int next;

        CpuCursor(int vcpus) {
            this.vcpus = vcpus;
        }

        int next() {
            int cpu = next;
            next = (next + 1) % vcpus;
            return cpu;
        }
    }

    private ChannelLayout() {
    }
}
