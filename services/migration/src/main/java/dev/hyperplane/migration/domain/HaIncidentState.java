package dev.hyperplane.migration.domain;

/** Where an HA incident stands: fencing the host, waiting for an operator, restarting its VMs, or done. */
public enum HaIncidentState {
    FENCING("fencing"), FENCE_FAILED("fence-failed"), RESTARTING("restarting"), ENDED("ended");

    private final String label;

    HaIncidentState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still waiting for the host to be fenced: a fence answer or an operator's confirmation moves it on. */
    public boolean awaitsFence() {
        return this == FENCING || this == FENCE_FAILED;
    }
}
