package dev.hyperplane.events.agent;


/**
 * Command to an agent: change a VM's power state or delete it. Answered by {@link AgentCommandCompleted} when the
 * VM reached the state (Running after start, restart and resume, Off after shut-down and turn-off, Paused after
 * pause, Saved after save, gone after delete), or by {@link AgentCommandRejected}.
 *
 * @param action start, shut-down (through the guest's shutdown integration service), turn-off, restart, delete
 *               (turns the VM off first), pause, save (memory to disk, released on the host) or resume (a paused
 *               or saved VM)
 */
public record ChangeVmPowerOnHost(String commandId, String hostId, String vmId, String action)
        implements AgentCommand {
}
