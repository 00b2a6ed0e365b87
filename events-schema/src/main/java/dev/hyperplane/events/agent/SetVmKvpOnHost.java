package dev.hyperplane.events.agent;

/**
 * Command to an agent: write an item to the VM's external KVP pool (host to guest; keys up to 512 bytes, values up
 * to 2048).
 */
public record SetVmKvpOnHost(String commandId, String hostId, String vmId, String key,
        String value) implements AgentCommand {
}
