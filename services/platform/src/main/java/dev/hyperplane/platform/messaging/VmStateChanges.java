package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmStarted;

import java.util.Optional;

/**
 * Where a VM is and in which state, as provisioning's events tell the services that keep a copy: one reading of
 * hyperplane.vm.events for all of them.
 */
public final class VmStateChanges {

    /**
     * @param hostId the host the event names; null when it names none (the VM stays where it was recorded)
     */
    public record Change(String vmId, String state, String hostId) {
    }

    /** The change an event of the VM makes; empty for events that change neither (a tear-down reconciles a copy). */
    public static Optional<Change> of(Object event) {
        if (event instanceof VmPlaced e) {
            return Optional.of(new Change(e.vmId(), "Placed", e.hostId()));
        } else if (event instanceof VmStarted e) {
            return Optional.of(new Change(e.vmId(), "Running", e.hostId()));
        } else if (event instanceof VmFailed e) {
            return Optional.of(new Change(e.vmId(), "Failed", null));
        } else if (event instanceof VmOperationCompleted e) {
            return Optional.of(new Change(e.vmId(), e.state(), null));
        } else if (event instanceof VmReconciled e && !e.correction().equals("tear-down")) {
            return Optional.of(new Change(e.vmId(), e.state(), e.hostId()));
        } else if (event instanceof VmMoveStarted e) {
            return Optional.of(new Change(e.vmId(), "Moving", null));
        } else if (event instanceof VmMoved e) {
            return Optional.of(new Change(e.vmId(), "Running", e.destinationHostId()));
        } else if (event instanceof VmMoveAbandoned e) {
            return Optional.of(new Change(e.vmId(), e.stateAfter(), null));
        } else if (event instanceof VmRestoreStarted e) {
            return Optional.of(new Change(e.vmId(), "Restoring", e.hostId()));
        } else if (event instanceof VmRestored e) {
            return Optional.of(new Change(e.vmId(), "Running", e.hostId()));
        } else if (event instanceof VmRestoreFailed e && e.state() != null) {
            return Optional.of(new Change(e.vmId(), e.state(), null));
        }
        return Optional.empty();
    }

    private VmStateChanges() {
    }
}
