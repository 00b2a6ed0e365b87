package dev.hyperplane.memory.domain;

/**
 * A condition that holds in this round and deserves an alert.
 *
 * @param kind  {@code hot-add-failed}, {@code vm-starved} or {@code host-overcommitted}
 * @param vmId  null for a host condition
 */
public record AlertCondition(String kind, String hostId, String vmId, String detail) {
    public static final String HOT_ADD_FAILED = "hot-add-failed";
    public static final String VM_STARVED = "vm-starved";
    public static final String HOST_OVERCOMMITTED = "host-overcommitted";

    /** What the condition is about: one open alert per subject. */
    public String subject() {
        return kind + "/" + (vmId == null ? hostId : vmId);
    }
}
