package dev.hyperplane.agent.domain;

/**
 * Faults of a host outside its engine, as the fault injection sets them.
 *
 * @param partitioned                the host runs on but is cut off from the control plane: its reports do not
 *                                   leave it and commands do not reach it (they are lost, as a request to an
 *                                   unreachable host is: applied late, a start could run a VM twice)
 * @param managementControllerFailed its management controller (BMC) does not answer, so it cannot be fenced
 * @param poweredOff                 the host is off (a power loss, or fenced): silent, every VM off, until it is
 *                                   powered on again; its management controller, on standby power, still answers
 */
public record HostFaults(boolean partitioned, boolean managementControllerFailed, boolean poweredOff) {
    public static final HostFaults NONE = new HostFaults(false, false, false);

    public HostFaults withPartitioned(boolean value) {
        return new HostFaults(value, managementControllerFailed, poweredOff);
    }

    public HostFaults withManagementControllerFailed(boolean value) {
        return new HostFaults(partitioned, value, poweredOff);
    }

    public HostFaults withPoweredOff(boolean value) {
        return new HostFaults(partitioned, managementControllerFailed, value);
    }

    /** Nothing the host says reaches the control plane, and nothing sent to it reaches it. */
    public boolean silent() {
        return partitioned || poweredOff;
    }
}
