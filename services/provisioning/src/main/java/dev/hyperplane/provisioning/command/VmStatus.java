package dev.hyperplane.provisioning.command;

/**
 * Where a VM is in its life. Requested and Placed are provisioning; Failed and Deleted are final; Lost means its
 * host reports it missing (it comes back if the host reports it again); Unknown means its host fell silent, so
 * nobody knows whether it still runs (the host's next report decides; HA will, after fencing); Moving means a
 * migration to another host is under way (its source runs it until the destination does).
 */
public enum VmStatus {
    REQUESTED("Requested"), PLACED("Placed"), RUNNING("Running"), STOPPED("Stopped"), FAILED("Failed"),
    DELETED("Deleted"), LOST("Lost"), UNKNOWN("Unknown"), MOVING("Moving");

    private final String label;

    VmStatus(String label) {
        this.label = label;
    }

    /** The spelling of the API and the events. */
    public String label() {
        return label;
    }

    /** Provisioning is over (the VM runs, or never will). */
    public boolean isProvisioned() {
        return this != REQUESTED && this != PLACED;
    }
}
