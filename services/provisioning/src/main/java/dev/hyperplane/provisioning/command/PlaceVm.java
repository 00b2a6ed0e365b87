package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put the VM on the host placement chose, and tell that host's agent to create and start it.
 *
 * @param warning what placement let pass (HA's admission control warning instead of refusing); null when nothing
 */
public record PlaceVm(@TargetAggregateIdentifier String vmId, String hostId, String warning) {

    public PlaceVm(String vmId, String hostId) {
        this(vmId, hostId, null);
    }
}
