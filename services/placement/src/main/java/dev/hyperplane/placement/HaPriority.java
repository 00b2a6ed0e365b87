package dev.hyperplane.placement;

/**
 * Where a VM stands when its host fails and high availability restarts its VMs elsewhere, a setting of the VM:
 * {@code high} tier first, then {@code medium} (the default), then {@code low}; {@code off} is never restarted
 * by HA (a VM its tenant restarts by hand, or one a spare copy covers). The order vSphere HA and Hyper-V clusters
 * use for their restart priorities.
 */
public enum HaPriority {
    HIGH("high"), MEDIUM("medium"), LOW("low"), OFF("off");

    private final String label;

    HaPriority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The priority a label names; null (a VM from before priorities existed) is medium. */
    public static HaPriority of(String label) {
        if (label == null) {
            return MEDIUM;
        }
        for (HaPriority priority : values()) {
            if (priority.label.equals(label)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("no HA priority " + label);
    }

    /** Whether HA restarts the VM elsewhere at all. */
    public boolean restarted() {
        return this != OFF;
    }
}
