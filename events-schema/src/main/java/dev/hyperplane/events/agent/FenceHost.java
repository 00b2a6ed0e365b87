package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

/**
 * Command to the agent of a host: power the host off through its management controller (the out-of-band BMC
 * path, which works while the host is cut off from the network), so that its VMs cannot run on while they are
 * started elsewhere. Answered by {@link HostFenceResult}. Safe to repeat: a fenced host is off already.
 */
public record FenceHost(String commandId, String hostId, String reason) implements PublicEvent {
}
