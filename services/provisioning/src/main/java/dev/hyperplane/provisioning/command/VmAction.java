package dev.hyperplane.provisioning.command;

/** What a lifecycle operation does to a VM; the names are the API's and the events' spelling. */
public enum VmAction {
    START("start"), STOP("stop"), RESTART("restart"), RESIZE("resize"), DELETE("delete"),
    /** An in-place restore: never in VmOperationRequested, it has events of its own (VmRestoreStarted). */
    RESTORE("restore");

    private final String label;

    VmAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static VmAction of(String label) {
        for (VmAction action : values()) {
            if (action.label.equals(label)) {
                return action;
            }
        }
        throw new IllegalArgumentException("no VM action " + label);
    }
}
