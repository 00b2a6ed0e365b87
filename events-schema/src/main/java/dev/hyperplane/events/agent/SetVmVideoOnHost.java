package dev.hyperplane.events.agent;

/**
 * Command to an agent: set a VM's synthetic video resolution (Set-VMVideo). Answered by {@link
 * AgentCommandCompleted}, or {@link AgentCommandRejected} naming HV_VIDEO when the guest lacks the synthetic video
 * driver or the host's protocol does not offer the resolution.
 */
public record SetVmVideoOnHost(String commandId, String hostId, String vmId, int width,
        int height) implements AgentCommand {
}
