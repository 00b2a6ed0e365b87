package dev.hyperplane.provisioning.command;

/** Where a VM is in its life. Running and Failed end provisioning. */
public enum VmStatus {
    REQUESTED, PLACED, RUNNING, FAILED;

    public boolean isTerminal() {
        return this == RUNNING || this == FAILED;
    }
}
