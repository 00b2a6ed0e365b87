package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.RestoreChain;
import dev.hyperplane.backup.domain.Retention;
import dev.hyperplane.events.backup.RestorePointMerged;
import dev.hyperplane.events.backup.RestorePointProtected;
import dev.hyperplane.events.backup.RestorePointPruned;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One VM's restore points (event-sourced): the consistency boundary of its incremental chain. A new point joins it
 * and the governing policy's retention is applied ({@link Retention}); a point pruned or deleted by hand that a
 * later one depends on is merged into it first ({@link RestoreChain}), so every point kept stays restorable. A
 * protected point is never pruned, nor deleted until unprotected; the newest point is not deleted by hand, since the
 * host tracks changes from it and the next backup builds on it (retention never prunes it either). Every change is
 * an event.
 */
public class VmRestorePoints {

    @AggregateIdentifier
    private String vmId;
    private String tenantId;
    private final Map<String, Point> points = new LinkedHashMap<>();

    /** A point of the chain as retention and merges see it. */
    private record Point(String id, Instant takenAt, String basedOn, long sizeMb, long allocatedMb,
                         boolean protectedPoint) {
        Point merged(String newBase, long newSize) {
            return new Point(id, takenAt, newBase, newSize, allocatedMb, protectedPoint);
        }

        Point protect(boolean value) {
            return new Point(id, takenAt, basedOn, sizeMb, allocatedMb, value);
        }
    }

    protected VmRestorePoints() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordRestorePoint command, Clock clock) {
        if (points.containsKey(command.restorePointId())) {
            return;
        }
        // a base this chain no longer has (taken outside this service, or lost): the point stands on its own
        String basedOn = command.basedOn() != null && points.containsKey(command.basedOn()) ? command.basedOn() : null;
        apply(new RestorePointRecorded(command.vmId(), command.tenantId(), command.restorePointId(), command.takenAt(),
                basedOn, command.sizeMb(), command.allocatedMb()));
        if (command.retention() == null) {
            return;
        }
        Retention.Decision decision = command.retention().apply(points.values().stream()
                .map(p -> new Retention.Point(p.id(), p.takenAt(), p.protectedPoint())).toList());
        remove(Set.copyOf(decision.pruned()), "retention of policy " + command.policyId(), clock);
    }

    @CommandHandler
    public void handle(ProtectRestorePoint command, Clock clock) {
        Point point = existing(command.restorePointId());
        if (point.protectedPoint() != command.protectedPoint()) {
            apply(new RestorePointProtected(point.id(), vmId, tenantId, command.protectedPoint(), command.setBy(),
                    clock.instant()));
        }
    }

    @CommandHandler
    public void handle(DeleteRestorePoint command, Clock clock) {
        Point point = existing(command.restorePointId());
        if (point.protectedPoint()) {
            throw new RestorePointRefused("restore point " + point.id() + " is protected: unprotect it first");
        }
        if (newest().filter(point::equals).isPresent()) {
            // the host's change tracking starts from it: the VM's next backup reads only what changed since
            throw new RestorePointRefused("restore point " + point.id() + " is the newest of VM " + vmId + ": its "
                    + "next backup builds on it, so it can be deleted once a newer one exists");
        }
        remove(Set.of(point.id()), "deleted by " + command.deletedBy(), clock);
    }

    private Optional<Point> newest() {
        return points.values().stream().max(Comparator.comparing(Point::takenAt));
    }

    private Point existing(String restorePointId) {
        Point point = points.get(restorePointId);
        if (point == null) {
            throw new RestorePointRefused("no restore point " + restorePointId + " of VM " + vmId);
        }
        return point;
    }

    /** The points go; each one a later point depends on is merged into it first. */
    private void remove(Set<String> removed, String reason, Clock clock) {
        if (removed.isEmpty()) {
            return;
        }
        List<RestoreChain.Link> links = new ArrayList<>();
        points.values().forEach(p -> links.add(new RestoreChain.Link(p.id(), p.basedOn(), p.sizeMb(),
                p.allocatedMb())));
        RestoreChain.Plan plan = RestoreChain.prune(links, removed);
        Instant now = clock.instant();
        Map<String, String> mergedInto = new LinkedHashMap<>();
        for (RestoreChain.Merge merge : plan.merges()) {
            apply(new RestorePointMerged(merge.into(), vmId, tenantId, merge.from(), merge.basedOn(), merge.sizeMb(),
                    now));
            mergedInto.put(merge.from(), merge.into());
        }
        for (String id : plan.deleted()) {
            apply(new RestorePointPruned(id, vmId, tenantId, reason, mergedInto.get(id), now));
        }
    }

    @EventSourcingHandler
    void on(RestorePointRecorded e) {
        vmId = e.vmId();
        tenantId = e.tenantId();
        points.put(e.restorePointId(), new Point(e.restorePointId(), e.takenAt(), e.basedOn(), e.sizeMb(),
                e.allocatedMb(), false));
    }

    @EventSourcingHandler
    void on(RestorePointMerged e) {
        points.computeIfPresent(e.restorePointId(), (id, p) -> p.merged(e.basedOn(), e.sizeMb()));
    }

    @EventSourcingHandler
    void on(RestorePointPruned e) {
        points.remove(e.restorePointId());
    }

    @EventSourcingHandler
    void on(RestorePointProtected e) {
        points.computeIfPresent(e.restorePointId(), (id, p) -> p.protect(e.protectedPoint()));
    }
}
