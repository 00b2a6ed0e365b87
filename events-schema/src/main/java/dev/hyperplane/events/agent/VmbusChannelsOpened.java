package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * The VM's VMBus channels and the vCPU each one interrupts (a new layout after boot or a processor count change).
 *
 * @param simTimeMs the host's simulated clock when it happened
 */
public record VmbusChannelsOpened(String hostId, String vmId, List<Channel> channels, long simTimeMs,
        Instant at) implements PublicEvent {

    /**
     * One opened channel.
     *
     * @param device     the device class, e.g. NETWORK, SCSI, HEARTBEAT
     * @param instanceId the device instance; sub-channels share their primary's
     * @param subChannel 0 for the primary, 1.. for sub-channels
     * @param targetVcpu the vCPU its interrupts go to
     */
    public record Channel(String device, String instanceId, int subChannel, int targetVcpu) {
    }
}
