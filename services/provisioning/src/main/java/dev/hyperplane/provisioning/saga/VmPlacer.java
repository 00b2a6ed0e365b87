package dev.hyperplane.provisioning.saga;

import dev.hyperplane.provisioning.domain.Placement;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Places a VM and reserves its memory, in the caller's transaction. Called only from the provisioning saga's
 * single-threaded processor, so decisions never race. Asking again for a VM returns the reservation it has.
 */
@ApplicationScoped
public class VmPlacer {

    @Inject
    PlacementStore store;

    public Placement.Decision place(String vmId, long memoryMb, boolean needsWs2016Host) {
        return store.reservationOf(vmId).map(host -> new Placement.Decision(host, null)).orElseGet(() -> {
            Placement.Decision decision = Placement.choose(store.candidates(), memoryMb, needsWs2016Host);
            if (decision.placed()) {
                store.reserve(vmId, decision.hostId(), memoryMb);
            }
            return decision;
        });
    }

    public void release(String vmId) {
        store.release(vmId);
    }
}
