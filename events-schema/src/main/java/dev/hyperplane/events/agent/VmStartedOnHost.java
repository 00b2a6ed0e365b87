package dev.hyperplane.events.agent;


import java.time.Instant;

/** The agent's answer to a create-VM command: the VM runs on the host. */
public record VmStartedOnHost(String commandId, String hostId, String vmId, Instant startedAt) implements AgentAnswer {
}
