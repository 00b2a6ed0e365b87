package dev.hyperplane.events.agent;


/**
 * Command to an agent: change a VM's power state or delete it. Answered by {@link AgentCommandCompleted} when the
 * VM reached the state (Running after start and restart, Off after shut-down and turn-off, gone after delete), or
 * by {@link AgentCommandRejected}.
 *
 * @param action start, shut-down (through the guest's shutdown integration service), turn-off, restart or
 *               delete (turns the VM off first)
 */
public record ChangeVmPowerOnHost(String commandId, String hostId, String vmId, String action)
        implements AgentCommand {

    @Override
    public String partitionKey() {
        return hostId;
    }
}
