package dev.hyperplane.provisioning.saga;

import dev.hyperplane.placement.HostCandidate;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Places a VM and reserves its memory, or reserves the destination of a move, in the caller's transaction, one
 * decision at a time (a transaction-scoped database lock), so two decisions never race for the same room. Asking
 * again for a VM returns the reservation it has.
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

    /**
     * Reserves a destination for a VM that runs on {@code sourceHostId}: any other host the placement rules allow,
     * or only {@code targetHostId} when one is asked for. Asking again for the same migration returns the
     * destination it has.
     */
    public Placement.Decision placeMove(PlacementRequest vm, String sourceHostId, String targetHostId,
                                        String migrationId) {
        store.lockPlacements();
        Optional<String> reserved = store.moveOf(vm.vmId(), migrationId);
        if (reserved.isPresent()) {
            return new Placement.Decision(reserved.get(), null);
        }
        List<HostCandidate> candidates = store.candidates().stream()
                .filter(h -> !h.hostId().equals(sourceHostId))
                .filter(h -> targetHostId == null || h.hostId().equals(targetHostId))
                .toList();
        if (targetHostId != null && candidates.isEmpty()) {
            return new Placement.Decision(null, "no host " + targetHostId + " is registered");
        }
        Placement.Decision decision = Placement.standard(memoryHeadroomWeight, vmCountWeight).choose(candidates, vm);
        if (decision.placed()) {
            store.reserveMove(vm.vmId(), migrationId, decision.hostId());
        }
        return decision;
    }

    public void release(String vmId) {
        store.release(vmId);
    }
}
