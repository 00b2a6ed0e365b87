package dev.hyperplane.migration.domain;

/**
 * Where an evacuation is: running (moving its host's VMs away), cancelling (no more moves; waiting for those under
 * way), then completed or cancelled; after a return was asked for, returning (moving them back) and returned.
 */
public enum EvacuationState {
    RUNNING("running"), CANCELLING("cancelling"), COMPLETED("completed"), CANCELLED("cancelled"),
    RETURNING("returning"), RETURNED("returned");

    private final String label;

    EvacuationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static EvacuationState of(String label) {
        for (EvacuationState state : values()) {
            if (state.label.equals(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no evacuation state " + label);
    }

    /** Whether its moves (or its return's) have all ended. */
    public boolean ended() {
        return this == COMPLETED || this == CANCELLED || this == RETURNED;
    }

    /** Whether a return may start: the evacuation has ended, and has not returned yet. */
    public boolean returnable() {
        return this == COMPLETED || this == CANCELLED;
    }
}
