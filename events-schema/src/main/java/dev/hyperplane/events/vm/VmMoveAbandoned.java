package dev.hyperplane.events.vm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * The VM's move ended without moving it: the destination's reservation is released, and the VM is as it was before
 * the move: running on its source after a migration, still Unknown or Lost on its fenced host after an HA restart
 * attempt.
 *
 * @param state the VM's state afterwards; absent (producers before it): Running
 */
public record VmMoveAbandoned(String vmId, String migrationId, String reason, Instant abandonedAt,
                              @OptionalField String state) implements PublicEvent {

    /** The state to record: {@code state}, or Running when a producer from before it left it out. */
    @JsonIgnore
    public String stateAfter() {
        return state == null ? "Running" : state;
    }
}
