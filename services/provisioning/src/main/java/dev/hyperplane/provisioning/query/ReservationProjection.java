package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmResized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps placement's reservations true after provisioning: a resized VM holds its new startup memory on its host,
 * a moved one holds it on its new host, a deleted one frees its place. In the events' own transaction, like {@link VmProjection}.
 */
@ApplicationScoped
@ProcessingGroup(VmProjection.PROCESSING_GROUP)
public class ReservationProjection {

    @Inject
    PlacementStore store;

    @EventHandler
    void on(VmResized e) {
        store.resize(e.vmId(), e.memoryMb());
    }

    /** A VM found running on another host than recorded holds its memory there now. */
    @EventHandler
    void on(VmReconciled e) {
        if (e.correction().equals("host")) {
            store.move(e.vmId(), e.hostId());
        }
    }

    /** A moved VM holds its memory on its new host only; an abandoned move frees the destination. */
    @EventHandler
    void on(VmMoved e) {
        store.completeMove(e.vmId());
    }

    @EventHandler
    void on(VmMoveAbandoned e) {
        store.abandonMove(e.vmId());
    }

    @EventHandler
    void on(VmOperationCompleted e) {
        if ("Deleted".equals(e.state())) {
            store.release(e.vmId());
        }
    }
}
