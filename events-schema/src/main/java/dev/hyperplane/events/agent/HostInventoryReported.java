package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * Every VM a host runs, with its state: the actual state reconcilers compare with the desired one. An agent
 * reports each of its hosts at every start and then periodically, whatever changed.
 */
public record HostInventoryReported(String hostId, List<VmOnHost> vms, long simTimeMs, Instant at)
        implements PublicEvent {

    /** @param state the VM's state on the host, as Hyper-V names it (Off, Starting, Running, ...) */
    public record VmOnHost(String vmId, String state) {
    }
}
