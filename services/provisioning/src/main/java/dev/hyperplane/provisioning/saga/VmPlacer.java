package dev.hyperplane.provisioning.saga;

import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Places a VM and reserves its memory, in the caller's transaction, one placement at a time (a transaction-scoped
 * database lock), so two decisions never race for the same room. Asking again for a VM returns the reservation it
 * has.
 */
@ApplicationScoped
public class VmPlacer {

    @Inject
    PlacementStore store;

    /** How much keeping memory free counts. */
    @ConfigProperty(name = "hyperplane.placement.memory-headroom-weight", defaultValue = "1.0")
    double memoryHeadroomWeight;
    /** How much fewer VMs per host counts: positive spreads, negative stacks. */
    @ConfigProperty(name = "hyperplane.placement.vm-count-weight", defaultValue = "0.5")
    double vmCountWeight;

    public Placement.Decision place(PlacementRequest vm) {
        store.lockPlacements();
        return store.reservationOf(vm.vmId()).map(host -> new Placement.Decision(host, null)).orElseGet(() -> {
            Placement.Decision decision = Placement.standard(memoryHeadroomWeight, vmCountWeight)
                    .choose(store.candidates(), vm);
            if (decision.placed()) {
                store.reserve(vm, decision.hostId());
            }
            return decision;
        });
    }

    public void release(String vmId) {
        store.release(vmId);
    }
}
