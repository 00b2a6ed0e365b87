package dev.hyperplane.migration.domain;

/**
 * Where a migration is: queued (asked for, waiting for its turn under the concurrency limits), preparing (provisioning reserves a destination), copying (pre-copy
 * passes on the source host), then one of the terminal states. The blackout is too short to be seen between two
 * events; its length is the completed migration's downtime.
 */
public enum MigrationState {
    QUEUED("queued"), PREPARING("preparing"), COPYING("copying"), COMPLETED("completed"), FAILED("failed"), CANCELLED("cancelled");

    private final String label;

    MigrationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The state a label names (as the API and the events spell it). */
    public static MigrationState of(String label) {
        for (MigrationState state : values()) {
            if (state.label.equals(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no migration state " + label);
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
