package dev.hyperplane.events.agent;

/**
 * Command to an agent: copy a file from the host into a running guest (Copy-VMFile, Guest Service Interface,
 * FCOPY).
 *
 * @param path absolute path in the guest, at most 260 characters
 */
public record CopyFileToVmOnHost(String commandId, String hostId, String vmId, String path, long bytes,
        boolean overwrite) implements AgentCommand {
}
