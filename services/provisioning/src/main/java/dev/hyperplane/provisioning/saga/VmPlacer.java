package dev.hyperplane.provisioning.saga;

import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.HaReserve;
import dev.hyperplane.placement.HostCandidate;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
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

    /** HA's admission control: how many host failures the fleet must absorb, and what a creation breaking it gets. */
    @ConfigProperty(name = "hyperplane.provisioning.ha.failures-to-tolerate", defaultValue = "1")
    int failuresToTolerate;
    @ConfigProperty(name = "hyperplane.provisioning.ha.admission", defaultValue = "refuse")
    Admission admission;

    /** What a creation that would break the HA reserve gets: refused, placed with a warning, or not checked. */
    public enum Admission { REFUSE, WARN, OFF }

    public Placement.Decision place(PlacementRequest vm, HaPriority priority) {
        store.lockPlacements();
        return store.reservationOf(vm.vmId()).map(host -> new Placement.Decision(host, null)).orElseGet(() -> {
            Placement placement = Placement.standard(memoryHeadroomWeight, vmCountWeight);
            List<HostCandidate> candidates = store.candidates();
            Placement.Decision decision = placement.choose(candidates, vm);
            if (decision.placed() && admission != Admission.OFF) {
                decision = admit(placement, candidates, vm, priority, decision);
            }
            if (decision.placed()) {
                store.reserve(vm, decision.hostId());
            }
            return decision;
        });
    }

    /** The fleet's HA reserve as it stands (what {@code control.HaReserveMonitor} publishes). */
    public HaReserve.Assessment haReserve() {
        return HaReserve.assess(store.haReserveHosts(store.candidates()), failuresToTolerate);
    }

    /**
     * HA's admission control ({@link HaReserve}): the best host the VM can go to without the fleet losing the
     * ability to restart the VMs of {@code failuresToTolerate} failed hosts. With none, the creation is refused with
     * the reason, or (admission {@code warn}) placed on the best host anyway with the reason as a warning.
     */
    private Placement.Decision admit(Placement placement, List<HostCandidate> candidates, PlacementRequest vm,
                                     HaPriority priority, Placement.Decision best) {
        List<HaReserve.Host> fleet = store.haReserveHosts(candidates);
        List<HostCandidate> left = new ArrayList<>(candidates);
        HaReserve.Assessment first = null;
        for (Placement.Decision next = best; next.placed(); next = placement.choose(left, vm)) {
            HaReserve.Assessment assessment = HaReserve.assessWith(fleet, next.hostId(), vm.memoryMb(),
                    priority != HaPriority.OFF, failuresToTolerate);
            if (assessment.holds()) {
                return next;
            }
            first = first == null ? assessment : first;
            String tried = next.hostId();
            left.removeIf(h -> h.hostId().equals(tried));
        }
        String why = "HA admission control: placed anywhere, " + first.reason();
        return admission == Admission.WARN ? best.withWarning(why) : new Placement.Decision(null, why);
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
