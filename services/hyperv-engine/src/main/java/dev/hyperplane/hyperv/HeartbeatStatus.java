package dev.hyperplane.hyperv;

/** The heartbeat integration service's view of a guest, as Hyper-V Manager shows it. */
public enum HeartbeatStatus {
    /** The guest never answered (not booted, or no heartbeat driver). */
    NO_CONTACT,
    /** Sequence numbers come back incremented. */
    OK,
    /** The guest answered before and has stopped answering. */
    LOST_COMMUNICATION
}
