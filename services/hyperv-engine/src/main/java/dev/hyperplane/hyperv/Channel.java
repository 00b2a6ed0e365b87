package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.UUID;

/**
 * One opened VMBus channel.
 *
 * @param instanceId      the device instance; sub-channels share their primary's
 * @param subChannelIndex 0 for the primary, 1.. for sub-channels
 * @param targetVcpu      the vCPU its interrupts are delivered to
 */
public record Channel(DeviceClass device, UUID instanceId, int subChannelIndex, int targetVcpu) implements Serializable {

    public boolean primary() {
        return subChannelIndex == 0;
    }
}
