package dev.hyperplane.agent.domain;

/**
 * Faults of a host outside its engine, as the fault injection sets them.
 *
 * @param partitioned                the host runs on but is cut off from the control plane: its reports do not
 *                                   leave it and commands do not reach it (they are lost, as a request to an
 *                                   unreachable host is: applied late, a start could run a VM twice)
 * @param managementControllerFailed its management controller (BMC) does not answer, so it cannot be fenced
 */
public record HostFaults(boolean partitioned, boolean managementControllerFailed) {
    public static final HostFaults NONE = new HostFaults(false, false);

    public HostFaults withPartitioned(boolean value) {
        return new HostFaults(value, managementControllerFailed);
    }

    public HostFaults withManagementControllerFailed(boolean value) {
        return new HostFaults(partitioned, value);
    }
}
