package dev.hyperplane.events.vm;

import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * Placement chose a host for the VM and reserved its resources there.
 *
 * @param warning what the placement let pass with a warning, e.g. that the fleet can no longer restart the VMs of
 *                as many failed hosts as HA's admission control wants (when it warns instead of refusing); absent
 *                when nothing was
 */
public record VmPlaced(String vmId, String hostId, Instant placedAt, @OptionalField String warning)
        implements PublicEvent {

    public VmPlaced(String vmId, String hostId, Instant placedAt) {
        this(vmId, hostId, placedAt, null);
    }
}
